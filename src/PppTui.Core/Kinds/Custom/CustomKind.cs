using PppTui.Core.Files;
using PppTui.Core.PppConfig;
using PppTui.Core.Profiles;

namespace PppTui.Core.Kinds.Custom;

/// <summary>
/// Any peers file ppptui does not model (L2TP, a pty running ssh, a userspace pppoe...): the shared
/// PPP settings are editable, everything else is kept as written.
/// </summary>
public sealed class CustomKind : IProfileKind
{
    public ProfileKind Kind => ProfileKind.Custom;
    public string DisplayName => "Custom";
    public string Description => "Any other peers file; shared PPP settings editable, the rest kept verbatim";

    public IReadOnlyList<string> FieldKeys { get; } =
        ["name", "description", "user", "password", "remotename", "mtu", "default-route", "usepeerdns", "persist", "routes"];

    public bool Recognises(OptionFile peers) => true;

    public bool Models(OptionEntry entry, OptionFile peers) => false;

    public void Import(OptionFile peers, Profile profile, KindContext context) { }

    public void Render(PeersEditor peers, Profile profile, KindContext context) { }

    public void ApplyDefaults(Profile profile)
    {
        profile.Ppp.LinkName = profile.Name;
    }

    public IEnumerable<PlannedFile> RenderOwnFiles(Profile profile, KindContext context, Func<string, string?> readDisk) => [];
}
