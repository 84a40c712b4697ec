namespace PppTui.Core.Files;

/// <summary>
/// Every system path ppptui reads or writes, resolved under one root ("/" by default).
/// With <c>--root ./sandbox</c> every editing feature works without root and without
/// touching the real system; tests use temporary roots.
/// </summary>
public sealed class SystemPaths
{
    /// <exception cref="ArgumentException">The root is empty: it never means "/", which would
    /// turn an unset variable into the live system.</exception>
    public SystemPaths(string root = "/")
    {
        if (string.IsNullOrWhiteSpace(root)) throw new ArgumentException("The root folder is empty.", nameof(root));
        Root = Path.GetFullPath(root);
    }

    /// <summary>The directory every other path hangs from.</summary>
    public string Root { get; }

    /// <summary>True when this is the live system rather than a sandbox root.</summary>
    public bool IsSystemRoot => Root == "/";

    public string Under(string absolutePath) =>
        Path.Join(Root, absolutePath.TrimStart('/'));

    public string EtcPpp => Under("/etc/ppp");
    public string PeersDir => Under("/etc/ppp/peers");
    public string PeerFile(string name) => Path.Join(PeersDir, name);
    public string ChapSecrets => Under(ChapSecretsSystemPath);
    public string PapSecrets => Under(PapSecretsSystemPath);
    public string Options => Under("/etc/ppp/options");
    public string ChatScriptsDir => Under("/etc/chatscripts");
    public string ChatScript(string name) => Path.Join(ChatScriptsDir, name);
    public string PppTuiEtc => Under("/etc/ppptui");
    public string ProfilesDir => Under("/etc/ppptui/profiles");
    public string ProfileFile(string name) => Path.Join(ProfilesDir, name + ".toml");
    public string AppConfigFile => Under("/etc/ppptui/ppptui.toml");
    public string BackupsDir => Under("/var/backups/ppptui");
    public string StateDir => Under("/var/lib/ppptui");
    public string IpUpDir => Under("/etc/ppp/ip-up.d");
    public string IpUpScript => Under("/etc/ppp/ip-up");
    public string RunDir => Under("/run");
    public string VarLog => Under("/var/log");
    public string VarLock => Under("/var/lock");
    public string SysClassNet => Under("/sys/class/net");
    public string Proc => Under("/proc");
    public string SystemdUnitDir => Under("/etc/systemd/system");

    public const string ChapSecretsSystemPath = "/etc/ppp/chap-secrets";
    public const string PapSecretsSystemPath = "/etc/ppp/pap-secrets";

    /// <summary>Both secrets files pppd reads: each as pppd names it, and where it lives under this root.</summary>
    public IReadOnlyList<(string System, string Full)> SecretsFiles => SecretsFilesFor(refusePap: false);

    /// <summary>
    /// The secrets files a profile's password is written to: chap-secrets always, pap-secrets too
    /// unless the profile refuses PAP (pppd then never reads pap-secrets for it).
    /// </summary>
    public IReadOnlyList<(string System, string Full)> SecretsFilesFor(bool refusePap) =>
        refusePap
            ? [(ChapSecretsSystemPath, ChapSecrets)]
            : [(ChapSecretsSystemPath, ChapSecrets), (PapSecretsSystemPath, PapSecrets)];

    /// <summary>The system path of a profile's peers file, the name <c>pppd call NAME</c> reads.</summary>
    public static string PeerSystemPath(string profile) => "/etc/ppp/peers/" + profile;

    /// <summary>The system path of the chat script ppptui writes for a modem profile.</summary>
    public static string ChatScriptSystemPath(string profile) => "/etc/chatscripts/" + profile;

    /// <summary>
    /// The system path of a profile's ip-up.d routes script. run-parts runs only names of
    /// letters, digits, '_' and '-', so a name with '.' is written out: '_' and '.' become "_5f"
    /// and "_2e" behind a "ppptui--" prefix, which no name without '.' can produce (a profile name
    /// never starts with '-'). "a.b" and "a_b" thus get scripts of their own, and a name without
    /// '.' keeps the script name it always had.
    /// </summary>
    public static string RoutesScriptSystemPath(string profile) => "/etc/ppp/ip-up.d/" + HookName(profile);

    /// <summary>The system path of a profile's ip-down.d script, which takes out again what its
    /// ip-up.d script put in (the peer's DNS servers); named as <see cref="RoutesScriptSystemPath"/>.</summary>
    public static string DownScriptSystemPath(string profile) => "/etc/ppp/ip-down.d/" + HookName(profile);

    private static string HookName(string profile) =>
        profile.Contains('.')
            ? "ppptui--" + profile.Replace("_", "_5f", StringComparison.Ordinal).Replace(".", "_2e", StringComparison.Ordinal)
            : "ppptui-" + profile;

    /// <summary>
    /// Resolves a path as pppd would see it on the target system (for example the argument of
    /// <c>file /etc/ppp/options.pptp</c>) to where it lives under this root.
    /// </summary>
    public string Resolve(string systemPath) =>
        Path.IsPathRooted(systemPath) ? Under(systemPath) : Path.Join(EtcPpp, systemPath);
}
