using PppTui.Core.Kinds.L2tp;

namespace PppTui.Core.Kinds.L2tp
{
    /// <summary>L2TP through xl2tpd (a <c>[lac NAME]</c> section), optionally inside IPsec (strongSwan, PSK).</summary>
    public sealed class L2tpSettings : IKindSettings
    {
        /// <summary>The LNS: the <c>lns</c> key of the section, and the IPsec peer.</summary>
        public string? Server { get; set; }

        /// <summary>True for L2TP/IPsec with a pre-shared key (IKEv1, transport mode); false for plain L2TP.</summary>
        public bool Ipsec { get; set; }

        public IKindSettings Clone() => (L2tpSettings)MemberwiseClone();
    }
}

namespace PppTui.Core.Profiles
{
    /// <summary>The L2TP kind's names on the profile model: <c>ProfileKind.L2tp</c> and <c>profile.L2tp</c>.</summary>
    public static class L2tpProfileExtensions
    {
        extension(ProfileKind) { public static ProfileKind L2tp => L2tpKind.Id; }

        /// <summary>The L2TP settings; null unless the profile is of this kind.</summary>
        extension(Profile profile) { public L2tpSettings? L2tp => profile.KindSettings as L2tpSettings; }
    }
}
