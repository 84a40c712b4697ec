namespace PppTui.Core.Kinds;

/// <summary>
/// Turns a profile into a change plan: for every file pppd reads, the new text and a diff against
/// disk. Existing files are edited in place, so every line the profile does not change stays byte
/// for byte. This is what the live preview recomputes on each keystroke.
/// </summary>
public sealed class ProfileRenderer
{
    private readonly SystemPaths _paths;
    private readonly AppliedState _state;
    private readonly IPppdVersionProbe _pppd;

    /// <param name="pppd">The installed pppd (default: read from its plugin folder under the root, once).</param>
    public ProfileRenderer(SystemPaths paths, IPppdVersionProbe? pppd = null)
    {
        _paths = paths;
        _state = new AppliedState(paths);
        _pppd = pppd ?? new PluginFolderVersionProbe(paths);
    }

    /// <param name="readDisk">Reads a file's current text (null when absent); the editor passes a
    /// snapshot so that typing does not hit the disk.</param>
    public ChangePlan Plan(Profile profile, ProfileSecrets? secrets = null, Func<string, string?>? readDisk = null)
    {
        readDisk ??= TextFile.ReadOrNull;
        var kind = KindRegistry.Get(profile.Kind);
        var context = new KindContext(_paths, secrets) { Pppd = _pppd };
        var files = new List<PlannedFile>();
        var notes = new List<string>(PppdNames.Notes(profile.Ppp));

        var peersSystemPath = SystemPaths.PeerSystemPath(profile.Name);
        var peersPath = _paths.PeerFile(profile.Name);
        var oldPeers = readDisk(peersPath);
        // The disk's text comes from the editor's snapshot, the same string on every key: it is
        // read once, and the editor edits a copy of that reading.
        var previous = oldPeers is null ? null : OptionFile.ParseRemembered(oldPeers);
        var editor = oldPeers is null ? new PeersEditor(NewPeersHeader(profile, kind)) : new PeersEditor(OptionFile.ParseRemembered(oldPeers));
        SharedPppOptions.Render(editor, profile.Ppp);
        kind.Render(editor, profile, context);
        SyncExtraOptions(editor, profile, kind);
        // A peers file using pppd's "password" option holds a secret: previews mask it, and no
        // copy of the file is kept as ppptui's baseline.
        var peersHoldPassword = editor.File.Has("password") || previous?.Has("password") == true;
        files.Add(Planned(profile, peersSystemPath, peersPath, FileRole.Peers, oldPeers, editor.Text,
            peersHoldPassword ? OptionFile.MaskPasswords : null));

        foreach (var own in kind.RenderOwnFiles(profile, context, readDisk))
            files.Add(own with { });

        files.AddRange(PlanSecrets(profile, secrets, previous, readDisk, notes, peersHoldPassword));
        files.AddRange(PlanLinkScripts(profile, readDisk));
        return new ChangePlan(profile.Name, files.Select(f => WithDriftCheck(profile.Name, f, readDisk)).ToList(), notes);
    }

    private PlannedFile Planned(Profile profile, string systemPath, string fullPath, FileRole role, string? old, string text, Func<string, string>? mask) =>
        new(systemPath, fullPath, role, old, text, old is null ? FileFingerprint.Absent : FileFingerprint.Of(old), PlannedFile.ModeFor(role))
        {
            Mask = mask,
        };

    // A file ppptui wrote before and someone edited since: note it on the plan, apply refuses it.
    private PlannedFile WithDriftCheck(string profile, PlannedFile file, Func<string, string?> readDisk)
    {
        if (file.Role == FileRole.Secrets || file.OldText is null) return file;
        var recorded = _state.Recorded(profile, file.SystemPath, readDisk);
        if (recorded is null || recorded == file.ReadFingerprint) return file;
        return file with { ChangedOnDiskSince = _state.RecordedText(profile, file.SystemPath, readDisk) ?? "" };
    }

    private static string NewPeersHeader(Profile profile, IProfileKind kind)
    {
        var header = new StringBuilder();
        header.Append("# ppptui profile ").Append(profile.Name).Append(" (").Append(kind.DisplayName).Append(")\n");
        header.Append("# Hand edits are kept; ppptui changes only the options its profile sets.\n");
        return header.ToString();
    }

    /// <summary>True when the profile's peers file gives pppd's own <c>password</c> option (which
    /// ppptui keeps in the file, never in the profile): then no secrets record is needed.</summary>
    public bool PeersFileHoldsPassword(string profile)
    {
        try { return TextFile.ReadOrNull(_paths.PeerFile(profile)) is { } text && OptionFile.Parse(text).Has("password"); }
        catch (PppTuiException) { return false; }
    }

    /// <summary>
    /// Makes the file's unmodelled options match the profile's extra options: entries the profile
    /// dropped are removed, new ones appended; the rest are not touched.
    /// </summary>
    private static void SyncExtraOptions(PeersEditor editor, Profile profile, IProfileKind kind)
    {
        var desired = profile.ExtraOptions
            .SelectMany(line => ExtraLineEntries(line).Select(e => (e.Name, e.Argument)))
            .ToList();
        var present = editor.Entries
            .Where(e => !SharedPppOptions.Models(e.Name) && !kind.Models(e, editor.File))
            .Select(e => (e.Name, e.Argument))
            .ToList();
        var names = desired.Select(d => d.Name).Concat(present.Select(p => p.Name)).Distinct().ToList();
        foreach (var name in names)
        {
            var want = desired.Where(d => d.Name == name).ToList();
            var have = present.Where(p => p.Name == name).ToList();
            if (want.SequenceEqual(have)) continue;
            if (have.Count > 0) editor.Remove(name);
            foreach (var (option, argument) in want) editor.Add(option, argument);
        }
    }

    /// <summary>
    /// The options of one extra line as pppd reads them inside the peers file. Alone, a line
    /// ending in an empty quoted word ('' or "") would lose it (pppd drops an empty word only at
    /// the very end of a file); a line whose quote never closes must be read as it stands.
    /// </summary>
    public static IReadOnlyList<OptionEntry> ExtraLineEntries(string line) => ExtraLineEntries(line, OptionFile.Parse(line));

    /// <summary>As <see cref="ExtraLineEntries(string)"/>, with the line already read alone.</summary>
    internal static IReadOnlyList<OptionEntry> ExtraLineEntries(string line, OptionFile alone)
    {
        // Read alone, only a last word of no bytes at all is lost, and such a word ends in a quote,
        // a backslash or a line break: any other line reads the same either way.
        if (line.Length == 0 || line[^1] is not ('\'' or '"' or '\\' or '\n')) return alone.Entries;
        var followed = OptionFile.Parse(line + "\n").Entries;
        return followed.Count > alone.Entries.Count ? followed : alone.Entries;
    }

    private IEnumerable<PlannedFile> PlanSecrets(Profile profile, ProfileSecrets? secrets, OptionFile? previous,
        Func<string, string?> readDisk, List<string> notes, bool peersHoldPassword)
    {
        if (profile.SecretsClient is not { } user) yield break;
        if (secrets?.Password is not null && (PppdNames.CutsCharacter(profile.Ppp.User) || PppdNames.CutsCharacter(profile.Ppp.RemoteName)))
            throw new PppTuiException(PppdNames.Notes(profile.Ppp)[0], Msg.T("Shorten the name to at most 255 bytes, then set the password again."));
        var server = profile.SecretsServer;
        // The record follows the names as pppd kept them from the old peers file.
        var oldUser = PppdNames.Kept(previous?.GetArgument("user") ?? previous?.GetArgument("name"));
        var oldServer = PppdNames.Kept(previous?.GetArgument("remotename")) ?? "*";

        foreach (var (system, full) in _paths.SecretsFilesFor(profile.Ppp.RefusePap))
        {
            var old = readDisk(full);
            var file = SecretsFile.ParseRemembered(old ?? "");
            if (secrets?.Password is { } password)
            {
                file.Set(user, server, password);
            }
            else if (oldUser is not null && (oldUser != user || oldServer != server) &&
                     file.Find(oldUser, oldServer) is { } moved && file.Find(user, server) is null)
            {
                // The user or remote name changed: the record follows, with the same secret.
                file.Remove(oldUser, oldServer);
                file.Set(user, server, moved.Secret, moved.Addresses.Count > 0 ? moved.Addresses : null);
            }
            if (old is null && file.Text.Length == 0) continue;
            // pppd's own "password" option in the peers file is the secret: no record is needed.
            if (file.BestMatch(user, server) is null && !peersHoldPassword && system == SystemPaths.ChapSecretsSystemPath)
                notes.Add(Msg.F("No secret for {0}/{1} in {2}: pppd will fail with \"No CHAP secret found\".", user, server, system) + " " + Msg.T("Set one with --password-stdin."));
            if (old is not null && new FileInfo(full) is { Exists: true } info && (info.UnixFileMode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
                notes.Add(Msg.F("{0} is readable by group or others: run chmod 600 {0}.", system));
            yield return Planned(profile, system, full, FileRole.Secrets, old, file.Text, SecretsFile.MaskSecrets);
        }
    }

    /// <summary>The profile's ip-up.d script (routes, the peer's DNS servers) and the ip-down.d
    /// script that takes the DNS servers out again; a script no longer needed is emptied to a no-op.</summary>
    private IEnumerable<PlannedFile> PlanLinkScripts(Profile profile, Func<string, string?> readDisk)
    {
        var scripts = new[]
        {
            (SystemPaths.RoutesScriptSystemPath(profile.Name), profile.Ppp.Routes.Count > 0 || profile.Ppp.HookSetsDns, LinkHookScripts.Up(profile)),
            (SystemPaths.DownScriptSystemPath(profile.Name), profile.Ppp.HookSetsDns, LinkHookScripts.Down(profile)),
        };
        foreach (var (systemPath, needed, text) in scripts)
        {
            var fullPath = _paths.Resolve(systemPath);
            var old = readDisk(fullPath);
            if (!needed && old is null) continue;
            yield return Planned(profile, systemPath, fullPath, FileRole.RoutesScript, old, text, null);
        }
    }
}
