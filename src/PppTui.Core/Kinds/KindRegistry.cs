using PppTui.Core.Kinds.Custom;
using PppTui.Core.Kinds.Modem;
using PppTui.Core.Kinds.Pppoe;
using PppTui.Core.Kinds.Pptp;
using PppTui.Core.PppConfig;
using PppTui.Core.Profiles;

namespace PppTui.Core.Kinds;

/// <summary>Every connection kind, in the order the New menu lists them; drives import and the editor.</summary>
public static class KindRegistry
{
    public static IReadOnlyList<IProfileKind> All { get; } =
        [new PptpKind(), new PppoeKind(), new ModemKind(), new CustomKind()];

    public static IProfileKind Get(ProfileKind kind) => All.First(k => k.Kind == kind);

    /// <summary>The kind of a peers file: the first that recognises it (Custom takes the rest).</summary>
    public static IProfileKind Detect(OptionFile peers) => All.First(k => k.Recognises(peers));

    /// <summary>A new profile of a kind with that kind's sensible defaults.</summary>
    public static Profile NewProfile(string name, ProfileKind kind)
    {
        var profile = new Profile(name, kind);
        Get(kind).ApplyDefaults(profile);
        return profile;
    }
}
