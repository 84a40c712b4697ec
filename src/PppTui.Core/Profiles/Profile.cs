namespace PppTui.Core.Profiles;

/// <summary>
/// A connection kind, by its id (the <c>kind</c> of a profile file). The kinds themselves live in
/// <c>Kinds/&lt;Kind&gt;/</c> and are listed in <see cref="Kinds.KindRegistry"/>; each adds its own
/// <c>ProfileKind.Name</c> there.
/// </summary>
public readonly record struct ProfileKind(string Id)
{
    public override string ToString() => Id;
}

/// <summary>The settings of one kind (its own section of the profile); each kind's folder declares its class.</summary>
public interface IKindSettings
{
    IKindSettings Clone();
}

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
        KindSettings = Kinds.KindRegistry.Get(kind).NewSettings();
    }

    public string Name { get; set; }
    public ProfileKind Kind { get; }
    public string? Description { get; set; }
    public PppSettings Ppp { get; set; } = new();

    /// <summary>The kind's own settings; null for a kind that has none.</summary>
    public IKindSettings? KindSettings { get; private set; }

    /// <summary>Option lines of the peers file we do not model, verbatim, in file order.</summary>
    public List<string> ExtraOptions { get; set; } = [];

    /// <summary>The secrets record's client: the user name as pppd keeps it (cut to 255 bytes), or null.</summary>
    public string? SecretsClient => string.IsNullOrEmpty(Ppp.User) ? null : PppdNames.Kept(Ppp.User);

    /// <summary>The secrets record's server: the remote name as pppd keeps it, or <c>*</c>.</summary>
    public string SecretsServer => string.IsNullOrEmpty(Ppp.RemoteName) ? "*" : PppdNames.Kept(Ppp.RemoteName)!;

    public Profile Clone()
    {
        var copy = new Profile(Name, Kind)
        {
            Description = Description,
            Ppp = Ppp.Clone(),
            KindSettings = KindSettings?.Clone(),
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

    /// <summary>
    /// Names the link after its profile, as a new profile of a dialing kind has it: remotename gives
    /// the profile a secrets record of its own ("user NAME secret", not a shared "user *"), linkname
    /// makes pppd write /run/ppp-NAME.pid (how the link is found again, whoever started pppd), and
    /// ipparam tells the profile's route script its own link.
    /// </summary>
    public void NameLinkAfter(string profileName) => RemoteName = LinkName = IpParam = profileName;

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
    /// <summary>pppd's <c>+ipv6</c>: negotiate IPV6CP too (link-local addresses on both ends).</summary>
    public bool Ipv6 { get; set; }

    /// <summary>Networks routed through the link when it is up (CIDR), by an ip-up.d script.</summary>
    public List<string> Routes { get; set; } = [];

    /// <summary>DNS domains whose lookups go to the link's servers (systemd-resolved routing
    /// domains, set by the profile's ip-up.d hook as <c>~DOMAIN</c>).</summary>
    public List<string> DnsDomains { get; set; } = [];

    /// <summary>The profile's ip-up.d hook hands the peer's DNS servers to the resolver (new
    /// profiles; an imported one only when its hook was installed before, so that applying an
    /// import writes nothing the admin did not have).</summary>
    public bool DnsHook { get; set; }

    /// <summary>True when the profile's ip-up.d hook hands the peer's DNS servers to the resolver.</summary>
    public bool HookSetsDns => (DnsHook && UsePeerDns) || DnsDomains.Count > 0;

    // Values of shared options without a property of their own: a row added to the option table
    // needs no change here. Values are immutable (numbers, strings, flags), so a copy shares them.
    private Dictionary<string, object?> _more = new(StringComparer.Ordinal);

    /// <summary>The value of a shared option that has no property of its own (default when unset).</summary>
    public T? More<T>(string key) => _more.TryGetValue(key, out var value) && value is T typed ? typed : default;

    public void SetMore<T>(string key, T? value) => _more[key] = value;

    public PppSettings Clone()
    {
        var copy = (PppSettings)MemberwiseClone();
        copy.Routes = [.. Routes];
        copy.DnsDomains = [.. DnsDomains];
        copy._more = new Dictionary<string, object?>(_more, StringComparer.Ordinal);
        return copy;
    }
}

/// <summary>Secrets that go with a profile for one apply; never stored by ppptui itself.</summary>
public sealed class ProfileSecrets
{
    public string? Password { get; set; }

    /// <summary>The SIM PIN, written only into the 0600 chat script.</summary>
    public string? Pin { get; set; }

    /// <summary>An IPsec pre-shared key, written only into the kind's 0600 IPsec file.</summary>
    public string? Psk { get; set; }

    public bool IsEmpty => Password is null && Pin is null && Psk is null;

    /// <summary>Drops the values from this object (the editor calls it after saving).</summary>
    public void Clear()
    {
        Password = null;
        Pin = null;
        Psk = null;
    }
}
