namespace PppTui.Core.Status;

/// <summary>What the record of a link's DNS servers says: the profile, and by which manager ("resolved", "resolvconf", "resolv.conf").</summary>
public sealed record PeerDnsRecord(string Name, string? How, DnsManager Manager);

/// <summary>How the peer's DNS servers were put in effect for a link.</summary>
public sealed record PeerDnsApplied(string Name, string Interface, DnsManager Manager, IReadOnlyList<string> Servers, string How);

/// <summary>
/// The peer's DNS servers merged into a plain /etc/resolv.conf (where no pppd hook does it, as on
/// distributions without Debian's 0000usepeerdns): a marked block of nameserver lines in front of
/// the file's own lines, written atomically after a backup, and taken out again when the link goes
/// down. Only the block is ever removed: lines someone else added meanwhile stay.
/// </summary>
public static class PeerDnsMerge
{
    private const UnixFileMode ReadableByAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private static string Begin(string name, string iface) => $"# ppptui: DNS servers the peer of {name} ({iface}) offered; removed when the link goes down";
    private static string End(string iface) => $"# ppptui: end of {iface}";

    /// <summary>The file that records which link's servers are merged (its presence is what undo looks for).</summary>
    public static string MarkerFile(SystemPaths paths, string iface) => Path.Join(paths.RunDir, "ppptui", "dns", iface);

    /// <summary>The file the nameserver lines live in (/etc/resolv.conf, or where its symlink leads, under the root).</summary>
    public static string ResolvConf(SystemPaths paths)
    {
        var path = paths.Under("/etc/resolv.conf");
        var target = new FileInfo(path).LinkTarget;
        if (target is null) return path;
        return Path.IsPathRooted(target) ? paths.Under(target) : Path.GetFullPath(Path.Join(Path.GetDirectoryName(path)!, target));
    }

    /// <summary>Puts <paramref name="servers"/> first in resolv.conf for link <paramref name="iface"/> (replacing an earlier block of the same interface).</summary>
    public static PeerDnsApplied Merge(SystemPaths paths, string name, string iface, IReadOnlyList<string> servers)
    {
        var file = ResolvConf(paths);
        var current = File.Exists(file) ? File.ReadAllText(file) : "";
        var rest = Without(current, iface);
        var block = string.Concat(
            Begin(name, iface) + "\n",
            string.Concat(servers.Distinct().Select(s => $"nameserver {s}\n")),
            End(iface) + "\n");
        new AtomicFileWriter(new BackupStore(paths)).Write(file, block + rest, ReadableByAll);
        var marker = MarkerFile(paths, iface);
        Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
        File.WriteAllText(marker, name + "\n");
        return new PeerDnsApplied(name, iface, DnsManager.Plain, servers,
            Msg.F("merged into {0} by ppptui (taken out again on disconnect)", "/etc/resolv.conf"));
    }

    /// <summary>The profile whose servers ppptui merged into resolv.conf for <paramref name="iface"/>, or null.</summary>
    public static string? MergedFor(SystemPaths paths, string iface) =>
        RecordFor(paths, iface) is { Manager: DnsManager.Plain } record ? record.Name : null;

    /// <summary>
    /// Who put the peer's servers in effect for <paramref name="iface"/>, and how, or null: the
    /// record a profile's ip-up.d hook leaves, "NAME" then one of "resolved", "resolvconf" or
    /// "resolv.conf"; a record of the name alone is a merge ppptui made itself (How null).
    /// </summary>
    public static PeerDnsRecord? RecordFor(SystemPaths paths, string iface)
    {
        var lines = TextFile.ReadIfReadable(MarkerFile(paths, iface))?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines is not { Length: > 0 }) return null;
        var how = lines.Length > 1 ? lines[1] : null;
        var manager = how switch { "resolved" => DnsManager.SystemdResolved, "resolvconf" => DnsManager.Resolvconf, _ => DnsManager.Plain };
        return new PeerDnsRecord(lines[0], how, manager);
    }

    /// <summary>Takes the block of <paramref name="iface"/> out of resolv.conf again. False when there was none.</summary>
    public static bool Undo(SystemPaths paths, string iface)
    {
        var marker = MarkerFile(paths, iface);
        if (!File.Exists(marker)) return false;
        var file = ResolvConf(paths);
        if (File.Exists(file))
        {
            var current = File.ReadAllText(file);
            var rest = Without(current, iface);
            if (rest != current) new AtomicFileWriter(new BackupStore(paths)).Write(file, rest, ReadableByAll);
        }
        File.Delete(marker);
        return true;
    }

    /// <summary>Undoes the blocks of interfaces that are gone (a link that dropped without a disconnect through ppptui).</summary>
    public static IReadOnlyList<string> UndoGone(SystemPaths paths)
    {
        var dir = Path.Join(paths.RunDir, "ppptui", "dns");
        if (!Directory.Exists(dir)) return [];
        var undone = new List<string>();
        foreach (var marker in Directory.EnumerateFiles(dir))
        {
            var iface = Path.GetFileName(marker);
            if (Directory.Exists(Path.Join(paths.SysClassNet, iface))) continue;
            if (Undo(paths, iface)) undone.Add(iface);
        }
        return undone;
    }

    /// <summary><paramref name="text"/> without the block of <paramref name="iface"/>.</summary>
    public static string Without(string text, string iface)
    {
        var lines = text.Split('\n');
        var kept = new List<string>();
        var inBlock = false;
        foreach (var line in lines)
        {
            if (!inBlock && line.StartsWith("# ppptui: DNS servers the peer of ", StringComparison.Ordinal) && line.Contains($"({iface})", StringComparison.Ordinal))
            {
                inBlock = true;
                continue;
            }
            if (inBlock)
            {
                if (line == End(iface)) inBlock = false;
                continue;
            }
            kept.Add(line);
        }
        return string.Join('\n', kept);
    }
}
