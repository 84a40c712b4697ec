using PppTui.Core.Files;
using PppTui.Core.PppConfig;
using PppTui.Core.Profiles;

namespace PppTui.Core.Kinds;

/// <summary>What a kind needs from its surroundings while importing or rendering.</summary>
public sealed record KindContext(SystemPaths Paths, ProfileSecrets? Secrets);

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

    /// <summary>The editor's fields for this kind, in order (keys of <see cref="ProfileFields"/>).</summary>
    IReadOnlyList<string> FieldKeys { get; }

    /// <summary>True when a peers file is of this kind.</summary>
    bool Recognises(OptionFile peers);

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
