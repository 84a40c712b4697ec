namespace PppTui.Core.Kinds.Pptp
{
    /// <summary>A PPTP VPN: pppd runs <c>pptp SERVER --nolaunchpppd</c> as its pty.</summary>
    public sealed class PptpSettings : IKindSettings
    {
        public string? Server { get; set; }

        /// <summary>Further pptp arguments after <c>--nolaunchpppd</c>, e.g. <c>--loglevel 0</c>.</summary>
        public List<string> PptpArguments { get; set; } = [];

        public IKindSettings Clone() => new PptpSettings { Server = Server, PptpArguments = [.. PptpArguments] };
    }
}

namespace PppTui.Core.Profiles
{
    /// <summary>The PPTP kind's names on the profile model: <c>ProfileKind.Pptp</c> and <c>profile.Pptp</c>.</summary>
    public static class PptpProfileExtensions
    {
        extension(ProfileKind) { public static ProfileKind Pptp => PptpKind.Id; }

        /// <summary>The PPTP settings; null unless the profile is of this kind.</summary>
        extension(Profile profile) { public PptpSettings? Pptp => profile.KindSettings as PptpSettings; }
    }
}
