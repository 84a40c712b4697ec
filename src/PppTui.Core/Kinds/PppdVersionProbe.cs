namespace PppTui.Core.Kinds;

/// <summary>Which pppd is installed under a root, for what the rendered files must say to it.</summary>
public interface IPppdVersionProbe
{
    /// <summary>The installed pppd's version, or null when none is found.</summary>
    Version? InstalledVersion();
}

/// <summary>
/// Reads the version from pppd's plugin folder, which every pppd package names after its version
/// (<c>/usr/lib/pppd/2.4.9</c> on Debian 12, <c>/usr/lib/pppd/2.5.2</c> on Debian 13,
/// <c>/usr/lib64/pppd/2.5.0</c> on Fedora and RHEL). A directory listing instead of running
/// <c>pppd --version</c>: the preview renders on every key, and pppd needs no run to be known.
/// The answer is read once per probe.
/// </summary>
public sealed class PluginFolderVersionProbe(SystemPaths paths) : IPppdVersionProbe
{
    private static readonly string[] PluginRoots = ["/usr/lib/pppd", "/usr/lib64/pppd", "/usr/local/lib/pppd"];
    private Version? _version;
    private bool _read;

    public Version? InstalledVersion()
    {
        if (_read) return _version;
        _version = PluginRoots.Select(paths.Under).Where(Directory.Exists)
            .SelectMany(dir => Directory.EnumerateDirectories(dir).Select(Path.GetFileName))
            .Select(name => Version.TryParse(name, out var v) ? v : null).OfType<Version>()
            .DefaultIfEmpty().Max();
        _read = true;
        return _version;
    }
}
