namespace PppTui.Core.Kinds.Modem
{
    /// <summary>A serial or cellular modem dialled by chat.</summary>
    public sealed class ModemSettings : IKindSettings
    {
        public string? Device { get; set; }
        public int? Speed { get; set; }
        public string? Apn { get; set; }
        public string? Number { get; set; }

        /// <summary>The chat script pppd runs (system path); ppptui writes it when it owns the dialogue.</summary>
        public string? ChatScript { get; set; }

        /// <summary>A connect command ppptui does not model (inline chat, a shell script): kept verbatim.
        /// Empty when the peers file has no connect option and ppptui should not add one.</summary>
        public string? ConnectCommand { get; set; }

        public IKindSettings Clone() => (ModemSettings)MemberwiseClone();
    }
}

namespace PppTui.Core.Profiles
{
    /// <summary>The modem kind's names on the profile model: <c>ProfileKind.Modem</c> and <c>profile.Modem</c>.</summary>
    public static class ModemProfileExtensions
    {
        extension(ProfileKind) { public static ProfileKind Modem => ModemKind.Id; }

        /// <summary>The modem settings; null unless the profile is of this kind.</summary>
        extension(Profile profile) { public ModemSettings? Modem => profile.KindSettings as ModemSettings; }
    }
}
