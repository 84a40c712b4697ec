using System.Runtime.InteropServices;

namespace PppTui.Core.Files;

/// <summary>
/// The few POSIX calls .NET has no managed API for: owner of a file, chown, fsync of a directory.
/// </summary>
internal static partial class Posix
{
    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Stat(string path, Span<byte> buffer);

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Chown(string path, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, ReadOnlySpan<byte> buffer, nint count);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint GetEffectiveUserId();

    /// <summary>The owner and group of a file, or null when it cannot be read.</summary>
    public static (uint Uid, uint Gid)? GetOwner(string path)
    {
        // struct stat layout differs by architecture: x86_64 has st_nlink as 8 bytes before
        // st_mode; the generic layout (arm64) has st_mode then a 4-byte st_nlink.
        Span<byte> buffer = stackalloc byte[256];
        if (Stat(path, buffer) != 0) return null;
        var (uidOffset, gidOffset) = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => (28, 32),
            Architecture.Arm64 => (24, 28),
            _ => (-1, -1),
        };
        if (uidOffset < 0) return null;
        return (BitConverter.ToUInt32(buffer[uidOffset..]), BitConverter.ToUInt32(buffer[gidOffset..]));
    }

    /// <summary>
    /// True for a named pipe or a socket: opening one to read blocks until a writer comes, so a
    /// FIFO left in /etc/ppp would hang every listing. Devices are not included (they are read
    /// with a size bound).
    /// </summary>
    public static bool IsPipeOrSocket(string path)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (Stat(path, buffer) != 0) return false;
        var modeOffset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 => 16,
            _ => -1,
        };
        if (modeOffset < 0) return false;
        var type = BitConverter.ToUInt32(buffer[modeOffset..]) & 0xF000; // S_IFMT
        return type is 0x1000 or 0xC000; // S_IFIFO, S_IFSOCK
    }

    public static bool SetOwner(string path, uint uid, uint gid) => Chown(path, uid, gid) == 0;

    /// <summary>Makes a rename inside <paramref name="directory"/> durable.</summary>
    public static void SyncDirectory(string directory)
    {
        const int ReadOnlyDirectory = 0x10000; // O_RDONLY | O_DIRECTORY on Linux
        var fd = Open(directory, ReadOnlyDirectory);
        if (fd < 0) return;
        Fsync(fd);
        Close(fd);
    }

    public static bool IsRoot => GetEffectiveUserId() == 0;

    /// <summary>
    /// Writes <paramref name="bytes"/> to a FIFO opened O_WRONLY|O_NONBLOCK: false when no
    /// process reads it (ENXIO) or the write falls short, where a managed open would wait forever.
    /// </summary>
    public static bool WriteToFifo(string path, ReadOnlySpan<byte> bytes)
    {
        const int WriteOnlyNonBlocking = 0x1 | 0x800; // O_WRONLY | O_NONBLOCK on Linux
        var fd = Open(path, WriteOnlyNonBlocking);
        if (fd < 0) return false;
        try { return Write(fd, bytes, bytes.Length) == bytes.Length; }
        finally { Close(fd); }
    }
}
