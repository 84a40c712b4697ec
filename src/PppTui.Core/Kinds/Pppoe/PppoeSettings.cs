namespace PppTui.Core.Kinds.Pppoe
{
    /// <summary>PPPoE through pppd's rp-pppoe plugin.</summary>
    public sealed class PppoeSettings : IKindSettings
    {
        public string? Interface { get; set; }

        /// <summary>
        /// The plugin file as the peers file names it (<c>rp-pppoe.so</c> or <c>pppoe.so</c>); null
        /// for a new profile: the name the installed pppd ships, chosen when the file is written, so
        /// one profile renders right on pppd 2.4 and 2.5 hosts alike.
        /// </summary>
        public string? Plugin { get; set; }

        public string? ServiceName { get; set; }
        public string? AccessConcentrator { get; set; }

        public IKindSettings Clone() => (PppoeSettings)MemberwiseClone();
    }
}

namespace PppTui.Core.Profiles
{
    /// <summary>The PPPoE kind's names on the profile model: <c>ProfileKind.Pppoe</c> and <c>profile.Pppoe</c>.</summary>
    public static class PppoeProfileExtensions
    {
        extension(ProfileKind) { public static ProfileKind Pppoe => PppoeKind.Id; }

        /// <summary>The PPPoE settings; null unless the profile is of this kind.</summary>
        extension(Profile profile) { public PppoeSettings? Pppoe => profile.KindSettings as PppoeSettings; }
    }
}
