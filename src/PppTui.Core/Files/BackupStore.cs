namespace PppTui.Core.Files;

/// <summary>
/// Keeps the previous versions of files ppptui replaces, under
/// <c>&lt;root&gt;/var/backups/ppptui/</c>, with the original's mode (a secrets backup stays 0600).
/// Backups live outside /etc/ppp on purpose: a copy in peers/ would be a callable peer.
/// </summary>
public sealed class BackupStore
{
    private readonly SystemPaths _paths;
    private readonly int _keepPerFile;

    public BackupStore(SystemPaths paths, int keepPerFile = 10)
    {
        _paths = paths;
        _keepPerFile = keepPerFile;
    }

    public string Directory => _paths.BackupsDir;

    /// <summary>The root the stored files live under.</summary>
    public SystemPaths Paths => _paths;

    /// <summary>Copies <paramref name="path"/> into the store and returns the copy's path.</summary>
    public string Save(string path)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var stem = StemFor(path);
        var backup = Path.Join(Directory, $"{stem}.{DateTime.UtcNow:yyyyMMddTHHmmssfff}Z");
        var mode = File.GetUnixFileMode(path);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = mode };
        using (var target = new FileStream(backup, options))
        using (var source = File.OpenRead(path))
        {
            source.CopyTo(target);
            target.Flush(flushToDisk: true);
        }
        File.SetUnixFileMode(backup, mode);
        Prune(stem);
        return backup;
    }

    /// <summary>The backups of one file, newest first.</summary>
    public IReadOnlyList<string> For(string path)
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        var stem = StemFor(path);
        return System.IO.Directory.EnumerateFiles(Directory, stem + ".*")
            .Where(f => Path.GetFileName(f).Length == stem.Length + 20)
            .OrderDescending(StringComparer.Ordinal)
            .ToList();
    }

    private void Prune(string stem)
    {
        foreach (var old in System.IO.Directory.EnumerateFiles(Directory, stem + ".*")
                     .OrderDescending(StringComparer.Ordinal).Skip(_keepPerFile))
            File.Delete(old);
    }

    // /etc/ppp/peers/myvpn -> etc_ppp_peers_myvpn (relative to the root, so sandboxes agree).
    private string StemFor(string path)
    {
        var relative = Path.GetRelativePath(_paths.Root, path);
        return relative.Replace('/', '_').Replace('\\', '_');
    }
}
