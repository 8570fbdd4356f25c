package io.flapguard.simulator.router;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;

/** Fails SFTP writes into /tmp that would not fit in the router's free RAM, as tmpfs would. */
final class TmpSpaceGuard implements SftpEventListener {

    private final SimulatedRouter router;
    private final RouterFileSystem fileSystem;

    TmpSpaceGuard(SimulatedRouter router, RouterFileSystem fileSystem) {
        this.router = router;
        this.fileSystem = fileSystem;
    }

    @Override
    public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                        byte[] data, int dataOffset, int dataLen) throws IOException {
        Path file = localHandle.getFile();
        if (!RouterFileSystem.isUnderTmp(file.toAbsolutePath().normalize().toString())) {
            return;
        }
        long growth = Math.max(0, offset + dataLen - RouterFileSystem.sizeOf(file));
        long available = router.tmpFreeKib() * 1024 - fileSystem.tmpUsedBytes();
        if (growth > available) {
            throw new FileSystemException(file.getFileName().toString(), null, "No space left on device");
        }
    }
}
