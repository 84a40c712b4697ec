namespace PppTui.Core.Kinds.Custom;

/// <summary>
/// Any peers file ppptui does not model (L2TP, a pty running ssh, a userspace pppoe...): the shared
/// PPP settings are editable, everything else is kept as written.
/// </summary>
public sealed class CustomKind : IProfileKind
{
    /// <summary>The kind's id in profile files and on the command line.</summary>
    public static readonly ProfileKind Id = new("custom");

    public ProfileKind Kind => Id;
    public string DisplayName => Msg.T("Custom");
    public string Description => Msg.T("Any other peers file; shared PPP settings editable, the rest kept verbatim");

    public IKindSettings? NewSettings() => null;

    public IReadOnlyList<ProfileField> Fields => [];

    public IReadOnlyList<string> SharedFieldKeys { get; } = ["remotename"];

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
