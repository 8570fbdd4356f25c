package io.flapguard.wire;

/** What a router log line means. */
public enum EventKind {
    /** Kernel: the modem left the USB bus ({@code usb 1-1: USB disconnect, device number 5}). */
    MODEM_USB_DISCONNECT,
    /** Kernel: the modem (re)joined the USB bus; carries the new USB device number. */
    MODEM_USB_ATTACH,
    /** Kernel: the WWAN/QMI network interface went away. */
    WWAN_UNREGISTERED,
    /** Kernel: the WWAN/QMI network interface came back. */
    WWAN_REGISTERED,
    /** Events log: {@code Mobile data disconnected (internal modem)}. */
    MOBILE_DATA_DISCONNECTED,
    /** Events log: {@code Mobile data connected (internal modem)}. */
    MOBILE_DATA_CONNECTED,
    /** Events log: {@code Joined FDD LTE network (internal modem)}. */
    NETWORK_JOINED,
    /** Events log: {@code Connected to DNA operator (internal modem)}. */
    OPERATOR_CONNECTED,
    /** Events log: {@code Updated internal modem firmware from X to Y}. */
    MODEM_FIRMWARE_UPDATED,
    /**
     * Kernel: a device on the modem's USB port enumerated as Qualcomm's emergency download (EDL) mode
     * ({@code usb 1-1: New USB device found, idVendor=05c6, idProduct=9008}): a flash failed and the modem
     * needs recovery by a person, never another blind flash.
     */
    MODEM_DOWNLOAD_MODE,
    /**
     * Syslog: gsmd could not write to the modem ({@code Write to `1-1 [2c7c:6005]` modem failed: errno 5}):
     * the modem stopped answering.
     */
    MODEM_UNRESPONSIVE,
    /** The router (re)booted: kernel start, syslog boot lines, or uptime going backwards. */
    ROUTER_REBOOT,
    /** A line that was understood as text but means nothing to FlapGuard. Kept, counted. */
    UNCLASSIFIED;

    /** Evidence that the modem's data connection dropped. */
    public boolean isDisconnectEvidence() {
        return this == MODEM_USB_DISCONNECT || this == WWAN_UNREGISTERED || this == MOBILE_DATA_DISCONNECTED;
    }
}
