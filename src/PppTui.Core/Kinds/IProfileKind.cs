namespace PppTui.Core.Kinds;

/// <summary>What a kind needs from its surroundings while importing or rendering.</summary>
public sealed record KindContext(SystemPaths Paths, ProfileSecrets? Secrets)
{
    /// <summary>The installed pppd, for files whose wording depends on its version.</summary>
    public IPppdVersionProbe Pppd { get; init; } = new PluginFolderVersionProbe(Paths);
}

/// <summary>
/// One connection kind: how to recognise its peers file, read its own settings out of it, write
/// them back into it, and which other files it owns. Shared PPP settings are handled once, in
/// <see cref="SharedPppOptions"/>; a kind only adds what is its own.
/// </summary>
public interface IProfileKind
{
    ProfileKind Kind { get; }

    /// <summary>Shown in the New menu and the editor title.</summary>
    string DisplayName { get; }

    string Description { get; }

    /// <summary>The kind's own settings for a new profile; null for a kind that has none.</summary>
    IKindSettings? NewSettings();

    /// <summary>The kind's own fields (label, help, editor section), in order.</summary>
    IReadOnlyList<ProfileField> Fields { get; }

    /// <summary>Shared fields this kind's editor page shows besides those every page shows.</summary>
    IReadOnlyList<string> SharedFieldKeys => [];

    /// <summary>Words the kind adds to a shared field's help on its own page (by field key), e.g. why its MTU is what it is.</summary>
    IReadOnlyDictionary<string, string> SharedFieldHelp => NoExtraHelp;

    private static readonly IReadOnlyDictionary<string, string> NoExtraHelp = new Dictionary<string, string>();

    /// <summary>Reads the kind's own table of a profile file (<c>[id]</c>) into <see cref="Profile.KindSettings"/>.</summary>
    void ReadToml(TomlSection section, Profile profile) { }

    /// <summary>Writes the keys of the kind's own table of a profile file.</summary>
    void WriteToml(ProfileTomlWriter writer, Profile profile) { }

    /// <summary>Checks the kind's own settings; <paramref name="check"/> takes a field key and a message (null: fine).</summary>
    void Validate(Profile profile, Action<string, string?> check) { }

    /// <summary>
    /// pppd options the kind writes from its fields, whatever their value (<see cref="Models"/> only
    /// claims a pty or plugin line once it is the kind's own): an extra line may not set them.
    /// </summary>
    IReadOnlyList<string> OwnedOptions => [];

    /// <summary>What the kind needs from the kernel and the tools, for the doctor.</summary>
    KindNeeds Needs(Profile profile) => KindNeeds.None;

    /// <summary>The pppd plugin the kind loads (for the doctor's look in pppd's plugin folder), if any.</summary>
    string? Plugin(Profile profile) => null;

    /// <summary>The serial device the link opens (global options files may be per device), if any.</summary>
    string? Device(Profile profile) => null;

    /// <summary>System paths of files this kind writes besides the peers file (deleted with the profile).</summary>
    IEnumerable<string> OwnFilePaths(Profile profile) => [];

    /// <summary>The host a TCP probe of the doctor should reach, if the kind has a server to probe.</summary>
    string? ProbeHost(Profile profile) => null;

    /// <summary>True when a peers file is of this kind.</summary>
    bool Recognises(OptionFile peers);

    /// <summary>
    /// True when peers file <paramref name="name"/> is of this kind, for a kind that needs more
    /// than the file to tell (a daemon's configuration naming it as its options file).
    /// </summary>
    bool Recognises(string name, OptionFile peers, KindContext context) => Recognises(peers);

    /// <summary>
    /// Links of this kind whose pppd options live outside the peers folder (a daemon's configuration
    /// naming another options file), by name, with that file's system path: import takes them too.
    /// </summary>
    IReadOnlyDictionary<string, string> OptionsElsewhere(KindContext context) => new Dictionary<string, string>();

    /// <summary>Sections this kind owns in files others share (a daemon's configuration): removed with the profile.</summary>
    IEnumerable<SectionEdit> OwnSections(Profile profile) => [];

    /// <summary>How to dial peer <paramref name="name"/> when a daemon starts its pppd; null: <c>pppd call NAME</c>.</summary>
    Dialing.DaemonDial? DaemonDial(string name, KindContext context) => null;

    /// <summary>One line on the kind's weakness, shown once in the New dialog, the editor header and the doctor; null when none.</summary>
    string? Caution => null;

    /// <summary>True for an option entry this kind models (so it is not kept as an extra option).</summary>
    bool Models(OptionEntry entry, OptionFile peers);

    /// <summary>Fills the kind's settings from an existing peers file.</summary>
    void Import(OptionFile peers, Profile profile, KindContext context);

    /// <summary>Makes the peers file say what the profile's kind settings say.</summary>
    void Render(PeersEditor peers, Profile profile, KindContext context);

    /// <summary>The settings a brand-new profile of this kind starts with.</summary>
    void ApplyDefaults(Profile profile);

    /// <summary>Other files this kind writes (a chat script), given the disk's current text.</summary>
    IEnumerable<PlannedFile> RenderOwnFiles(Profile profile, KindContext context, Func<string, string?> readDisk);
}

/// <summary>A file shared with others in which a profile owns one section: <paramref name="Without"/> gives the text without it.</summary>
public sealed record SectionEdit(string SystemPath, Func<string, string> Without);

/// <summary>What a kind needs from the kernel and the tools; the doctor checks each one that some profile needs.</summary>
[Flags]
public enum KindNeeds
{
    None = 0,
    /// <summary>The ppp_async module: pppd talks to a serial line or a pty.</summary>
    AsyncTty = 1,
    /// <summary>The pptp program (pptp-linux).</summary>
    PptpProgram = 2,
    /// <summary>The chat program, to run a chat script.</summary>
    ChatProgram = 4,
    /// <summary>The pppoe kernel module and pppd's PPPoE plugin.</summary>
    PppoePlugin = 8,
}
