using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PppTui.Core.Logs;

/// <summary>Which file a path or handle is (device and inode), and its size: how rotation is noticed.</summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode, long Size);

/// <summary>The few POSIX facts .NET does not expose: file identity (statx) and the effective uid.</summary>
internal static partial class UnixFile
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>Identity of the file at a path (following symlinks), or null when it does not exist.</summary>
    public static FileIdentity? Identify(string path)
    {
        if (!OperatingSystem.IsLinux()) return FallbackIdentity(path);
        var buffer = new byte[256];
        try
        {
            return Statx(AtFdCwd, path, 0, StatxBasicStats, buffer) == 0 ? Read(buffer) : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return FallbackIdentity(path);
        }
    }

    /// <summary>Identity of an open file (which may since have been renamed or deleted).</summary>
    public static FileIdentity? Identify(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var buffer = new byte[256];
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            return Statx(fd, "", AtEmptyPath, StatxBasicStats, buffer) == 0 ? Read(buffer) : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    /// <summary>The effective user id, or null where it cannot be read.</summary>
    public static uint? EffectiveUserId()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            return GetEuid();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    // struct statx has the same layout on every Linux architecture: stx_ino at 32, stx_size at 40,
    // stx_dev_major/minor at 136/140.
    private static FileIdentity Read(byte[] b)
    {
        var inode = BitConverter.ToUInt64(b, 32);
        var size = (long)BitConverter.ToUInt64(b, 40);
        var device = ((ulong)BitConverter.ToUInt32(b, 136) << 32) | BitConverter.ToUInt32(b, 140);
        return new FileIdentity(device, inode, size);
    }

    private static FileIdentity? FallbackIdentity(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileIdentity(0, (ulong)info.CreationTimeUtc.Ticks, info.Length) : null;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();
}

/// <summary>Public face of the few POSIX facts other folders need.</summary>
public static class UnixFileAccess
{
    /// <summary>The effective user id, or null where it cannot be read.</summary>
    public static uint? EffectiveUserId() => UnixFile.EffectiveUserId();

    /// <summary>Identity (device, inode, size) of the file at a path, or null when absent.</summary>
    public static FileIdentity? Identify(string path) => UnixFile.Identify(path);
}
