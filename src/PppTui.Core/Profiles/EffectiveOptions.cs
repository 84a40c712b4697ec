namespace PppTui.Core.Profiles;

/// <summary>One option as pppd will see it, where it came from, and what overrides it later.</summary>
public sealed record EffectiveOption(string Name, string? Argument, string File, int Line)
{
    /// <summary>The file:line of a later option that overrides this one, or null when it takes effect.</summary>
    public string? OverriddenBy { get; init; }

    public bool TakesEffect => OverriddenBy is null;

    /// <summary>"file:line"; just the file (or nothing) for a row that stands for no line.</summary>
    public string Source => Line > 0 ? $"{File}:{Line}" : File;
}

/// <summary>
/// The options a profile really runs with: /etc/ppp/options, then peers/NAME (read where pppd reads
/// <c>call NAME</c>), with every <c>file</c> include expanded where it stands, and the
/// options.ttyXXX file of a serial device last, as pppd does. The field report's
/// <c>egrep -v '#|^ *$' /etc/ppp/options</c>, done right.
/// </summary>
public static class EffectiveOptions
{
    // Options that cancel each other: the later one wins.
    private static readonly (string, string)[] Opposites =
    [
        ("auth", "noauth"), ("persist", "nopersist"), ("defaultroute", "nodefaultroute"), ("crtscts", "nocrtscts"),
        ("lock", "nolock"), ("proxyarp", "noproxyarp"), ("modem", "local"), ("detach", "nodetach"),
        ("updetach", "nodetach"), ("mppe-stateful", "nomppe-stateful"), ("require-mppe", "nomppe"),
        ("require-mppe-128", "nomppe-128"), ("require-mppe-40", "nomppe-40"), ("ipv6", "noipv6"),
        ("+ipv6", "-ipv6"), ("+ipv6", "noipv6"), ("ipv6", "-ipv6"),
        ("replacedefaultroute", "nodefaultroute"), ("replacedefaultroute", "noreplacedefaultroute"),
        ("require-mppe-128", "nomppe"), ("require-mppe-40", "nomppe"), ("logfile", "nolog"),
    ];

    /// <param name="readFile">Reads a file by its full path (null when absent). The editor passes one
    /// that answers with the text it is about to write, so the view shows the options as they will be
    /// after Apply; null reads the disk.</param>
    public static IReadOnlyList<EffectiveOption> For(SystemPaths paths, string profileName, string? device = null,
        Func<string, string?>? readFile = null)
    {
        var options = new List<EffectiveOption>();
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        var read = readFile ?? TextFile.ReadOrNull;
        Read(paths, "/etc/ppp/options", options, visiting, optional: true, read);
        Read(paths, SystemPaths.PeerSystemPath(profileName), options, visiting, optional: false, read);
        if (device is not null)
            Read(paths, "/etc/ppp/options." + Path.GetFileName(device), options, visiting, optional: true, read);
        return MarkOverrides(options);
    }

    private static void Read(SystemPaths paths, string systemPath, List<EffectiveOption> into, HashSet<string> visiting, bool optional,
        Func<string, string?> readFile)
    {
        if (!visiting.Add(systemPath)) return; // an include cycle: pppd would loop; we stop
        var text = readFile(paths.Resolve(systemPath));
        if (text is null)
        {
            if (!optional)
                throw new PppTuiException(Msg.F("{0} does not exist", paths.Resolve(systemPath)), Msg.T("Apply the profile first, or check the 'file' option that names it."),
                    kind: FailureKind.NotFound);
            return;
        }
        foreach (var entry in OptionFile.Parse(text).Entries)
        {
            if (entry.Name is "file" or "call" && entry.Argument is { } include)
            {
                into.Add(new EffectiveOption(entry.Name, include, systemPath, entry.Line));
                Read(paths, entry.Name == "call" ? SystemPaths.PeerSystemPath(include) : include, into, visiting, optional: true, readFile);
                continue;
            }
            into.Add(new EffectiveOption(entry.Name, entry.Argument, systemPath, entry.Line));
        }
        visiting.Remove(systemPath);
    }

    private static List<EffectiveOption> MarkOverrides(List<EffectiveOption> options)
    {
        var result = new List<EffectiveOption>(options);
        for (var i = 0; i < result.Count; i++)
        {
            var option = result[i];
            if (option.Name is "file" or "call") continue;
            for (var j = i + 1; j < result.Count; j++)
            {
                var later = result[j];
                if (later.Name == option.Name || AreOpposites(option.Name, later.Name))
                {
                    // A repeated flag is not an override that matters; a changed value or an opposite is.
                    if (later.Name == option.Name && later.Argument == option.Argument && option.Argument is null) continue;
                    result[i] = option with { OverriddenBy = later.Source };
                    break;
                }
            }
        }
        return result;
    }

    private static bool AreOpposites(string a, string b) =>
        Opposites.Any(p => (p.Item1 == a && p.Item2 == b) || (p.Item1 == b && p.Item2 == a));
}
