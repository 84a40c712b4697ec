namespace PppTui.Core.Profiles;

/// <summary>The connection kinds ppptui models. Custom is any peers file we do not recognise.</summary>
public enum ProfileKind { Pptp, Pppoe, Modem, Custom }

/// <summary>What the link does with the default route when it comes up.</summary>
public enum DefaultRouteMode
{
    /// <summary>No route option in the peers file.</summary>
    None,
    /// <summary><c>defaultroute</c>: adds one only when none exists (pppd says so in one log line).</summary>
    Add,
    /// <summary><c>defaultroute replacedefaultroute</c>: replaces the existing one, restores it on down.</summary>
    Replace,
    /// <summary><c>nodefaultroute</c>: never, even if a global options file asks for one.</summary>
    Never,
}

/// <summary>Microsoft Point-to-Point Encryption, as the peers file asks for it.</summary>
public enum MppeMode
{
    /// <summary>No MPPE option: pppd negotiates whatever the peer offers.</summary>
    None,
    /// <summary><c>require-mppe</c>: 40 or 128 bit.</summary>
    Required,
    /// <summary><c>require-mppe-128</c>.</summary>
    Required128,
    /// <summary><c>require-mppe-40</c>.</summary>
    Required40,
    /// <summary><c>nomppe</c>.</summary>
    Refused,
}

/// <summary>
/// A PPP profile: one peers file (<c>/etc/ppp/peers/NAME</c>) and what goes with it. Stored as TOML
/// without any password; the editor works on a <see cref="Clone"/>.
/// </summary>
public sealed class Profile
{
    public Profile(string name, ProfileKind kind)
    {
        Name = name;
        Kind = kind;
        switch (kind)
        {
            case ProfileKind.Pptp: Pptp = new PptpSettings(); break;
            case ProfileKind.Pppoe: Pppoe = new PppoeSettings(); break;
            case ProfileKind.Modem: Modem = new ModemSettings(); break;
        }
    }

    public string Name { get; set; }
    public ProfileKind Kind { get; }
    public string? Description { get; set; }
    public PppSettings Ppp { get; set; } = new();
    public PptpSettings? Pptp { get; set; }
    public PppoeSettings? Pppoe { get; set; }
    public ModemSettings? Modem { get; set; }

    /// <summary>Option lines of the peers file we do not model, verbatim, in file order.</summary>
    public List<string> ExtraOptions { get; set; } = [];

    /// <summary>Who the secrets record is for: the client is the user, the server the remote name or <c>*</c>.</summary>
    public string SecretsServer => string.IsNullOrEmpty(Ppp.RemoteName) ? "*" : Ppp.RemoteName!;

    public Profile Clone()
    {
        var copy = new Profile(Name, Kind)
        {
            Description = Description,
            Ppp = Ppp.Clone(),
            Pptp = Pptp?.Clone(),
            Pppoe = Pppoe?.Clone(),
            Modem = Modem?.Clone(),
            ExtraOptions = [.. ExtraOptions],
        };
        return copy;
    }
}

/// <summary>PPP settings every kind shares: authentication, encryption, link and IP behaviour.</summary>
public sealed class PppSettings
{
    /// <summary>Our name for authentication (the secrets record's client).</summary>
    public string? User { get; set; }

    /// <summary>Which keyword carries <see cref="User"/>: <c>name</c> (pptpsetup's) or <c>user</c>.</summary>
    public string UserKeyword { get; set; } = "name";

    public string? RemoteName { get; set; }
    public string? LinkName { get; set; }
    public string? IpParam { get; set; }

    /// <summary><c>noauth</c>: do not require the server to authenticate itself (what clients want).</summary>
    public bool NoAuth { get; set; }

    public bool RefusePap { get; set; }
    public bool RefuseChap { get; set; }
    public bool RefuseMsChap { get; set; }
    public bool RefuseMsChapV2 { get; set; }
    public bool RefuseEap { get; set; }

    public MppeMode Mppe { get; set; }
    public bool MppeStateful { get; set; }

    public int? Mtu { get; set; }
    public int? Mru { get; set; }
    public int? LcpEchoInterval { get; set; }
    public int? LcpEchoFailure { get; set; }

    public bool Persist { get; set; }
    public int? Holdoff { get; set; }
    public int? MaxFail { get; set; }

    public DefaultRouteMode DefaultRoute { get; set; }
    public bool UsePeerDns { get; set; }

    /// <summary>Networks routed through the link when it is up (CIDR), by an ip-up.d script.</summary>
    public List<string> Routes { get; set; } = [];

    public PppSettings Clone()
    {
        var copy = (PppSettings)MemberwiseClone();
        copy.Routes = [.. Routes];
        return copy;
    }
}

/// <summary>A PPTP VPN: pppd runs <c>pptp SERVER --nolaunchpppd</c> as its pty.</summary>
public sealed class PptpSettings
{
    public string? Server { get; set; }

    /// <summary>Further pptp arguments after <c>--nolaunchpppd</c>, e.g. <c>--loglevel 0</c>.</summary>
    public List<string> PptpArguments { get; set; } = [];

    public PptpSettings Clone() => new() { Server = Server, PptpArguments = [.. PptpArguments] };
}

/// <summary>PPPoE through pppd's rp-pppoe plugin.</summary>
public sealed class PppoeSettings
{
    public string? Interface { get; set; }

    /// <summary>The plugin file as the peers file names it (<c>rp-pppoe.so</c> or <c>pppoe.so</c>).</summary>
    public string Plugin { get; set; } = "rp-pppoe.so";

    public string? ServiceName { get; set; }
    public string? AccessConcentrator { get; set; }

    public PppoeSettings Clone() => (PppoeSettings)MemberwiseClone();
}

/// <summary>A serial or cellular modem dialled by chat.</summary>
public sealed class ModemSettings
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

    public ModemSettings Clone() => (ModemSettings)MemberwiseClone();
}

/// <summary>Secrets that go with a profile for one apply; never stored by ppptui itself.</summary>
public sealed class ProfileSecrets
{
    public string? Password { get; set; }

    /// <summary>The SIM PIN, written only into the 0600 chat script.</summary>
    public string? Pin { get; set; }

    public bool IsEmpty => Password is null && Pin is null;

    /// <summary>Drops the values from this object (the editor calls it after saving).</summary>
    public void Clear()
    {
        Password = null;
        Pin = null;
    }
}
