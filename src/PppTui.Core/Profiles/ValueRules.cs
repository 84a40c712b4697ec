using System.Net;

namespace PppTui.Core.Profiles;

/// <summary>
/// The shapes values must have. Anything that ends up inside a command pppd runs through /bin/sh
/// (the pptp server in <c>pty</c>, a chat script path, an APN) must match these strictly: that is
/// what makes shell injection impossible rather than merely escaped.
/// </summary>
public static partial class ValueRules
{
    // Every pattern ends in \z, not $: $ also matches before a final newline, and a value with a
    // trailing line break would pass, then break the file it is written into.
    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}\z")]
    private static partial Regex ProfileNamePattern();

    [GeneratedRegex(@"^(?=.{1,253}\z)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?\z")]
    private static partial Regex HostNamePattern();

    [GeneratedRegex(@"^(nic-)?[A-Za-z0-9_][A-Za-z0-9._-]{0,14}\z")]
    private static partial Regex InterfacePattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\z")]
    private static partial Regex ApnPattern();

    // What a modem's ATD takes (digits, A-D, * # + and the modifiers , ; ! @ P T W, any case, and
    // the dashes and parentheses modems skip), and chat's \T and \U, which chat replaces
    // with its -T and -U arguments: a script pppd dials with must import and apply unchanged.
    [GeneratedRegex(@"^(?:[0-9A-Da-d*#+,;!@PTWptw()-]|\\[TU]){1,60}\z")]
    private static partial Regex DialNumberPattern();

    [GeneratedRegex(@"^[0-9]{4,8}\z")]
    private static partial Regex PinPattern();

    [GeneratedRegex(@"^/dev/[A-Za-z0-9_][A-Za-z0-9._/-]{0,63}\z")]
    private static partial Regex DevicePattern();

    [GeneratedRegex(@"^/[A-Za-z0-9._/-]{1,200}\z")]
    private static partial Regex SafePathPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._=:/,-]{1,100}\z")]
    private static partial Regex ShellSafeArgumentPattern();

    private static readonly int[] StandardSpeeds =
        [300, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 500000, 576000,
         921600, 1000000, 1152000, 1500000, 2000000, 2500000, 3000000, 3500000, 4000000];

    /// <summary>
    /// A profile name must be usable as <c>pppd call NAME</c>, a file name and a unit instance:
    /// letters, digits, dot, dash, underscore; no "..", not starting with a dot or dash.
    /// </summary>
    public static string? CheckProfileName(string? name)
    {
        if (string.IsNullOrEmpty(name)) return Msg.T("a name is required");
        if (name.Contains("..", StringComparison.Ordinal)) return Msg.T("must not contain '..' (pppd refuses it for 'call')");
        if (!ProfileNamePattern().IsMatch(name))
            return Msg.T("use 1-64 letters, digits, '.', '-' or '_', starting with a letter, digit or '_'");
        return null;
    }

    /// <summary>A host name (RFC 1123) or an IPv4/IPv6 address.</summary>
    public static string? CheckHost(string? host)
    {
        if (string.IsNullOrWhiteSpace(host)) return Msg.T("a server (host name or IP address) is required");
        if (IPAddress.TryParse(host, out var address) && (host.Contains(':') || host.Count(c => c == '.') == 3))
            return address.ToString() == host || host.Contains(':') ? null : Msg.T("not a valid IP address");
        if (host.All(c => char.IsAsciiDigit(c) || c == '.')) return Msg.T("not a valid IPv4 address");
        return HostNamePattern().IsMatch(host) ? null : Msg.T("not a valid host name: use letters, digits, '-' and '.' only");
    }

    public static string? CheckInterface(string? name)
    {
        if (string.IsNullOrEmpty(name)) return Msg.T("a network interface (e.g. eth0) is required");
        if (!InterfacePattern().IsMatch(name))
            return Msg.T("not an interface name: up to 15 letters, digits, '.', '-' or '_' (optionally 'nic-' first)");
        // The interface is a bare word in the peers file: pppd reads an option name as that
        // option and a number as a serial speed before the plugin ever sees the word.
        if (PppConfig.PppOptionTable.IsKnown(name) || NumberPattern().IsMatch(name))
            return Msg.F("pppd would read '{0}' as {1}, not as an interface: write it as nic-{0}", name, PppConfig.PppOptionTable.IsKnown(name) ? Msg.T("its option of that name") : Msg.T("a serial speed"));
        return null;
    }

    [GeneratedRegex(@"^(0[xX][0-9A-Fa-f]*|[0-9]+)\z")]
    private static partial Regex NumberPattern();

    public static string? CheckApn(string? apn) =>
        string.IsNullOrEmpty(apn) || ApnPattern().IsMatch(apn) ? null
        : Msg.T("an APN has letters, digits, '.', '-' and '_' only (e.g. internet or web.vodafone.de)");

    public static string? CheckDialNumber(string? number) =>
        string.IsNullOrEmpty(number) ? Msg.T("a number to dial is required (cellular modems use *99#)")
        : !DialNumberPattern().IsMatch(number) ? Msg.T("a dial string has digits, A-D, '*', '#', '+', ',', ';', '!', '@', P, T, W, chat's \\T or \\U only")
        // ppptui writes ATD before the number; ATDT/ATDP would read a leading letter as tone or pulse dialling.
        : char.IsAsciiLetter(number[0]) ? Msg.T("start the number with a digit, '*', '#' or '+' (a leading T or P would be read as tone or pulse dialling)")
        : null;

    public static string? CheckPin(string? pin) =>
        string.IsNullOrEmpty(pin) || PinPattern().IsMatch(pin) ? null : Msg.T("a SIM PIN is 4 to 8 digits");

    public static string? CheckDevice(string? device) =>
        string.IsNullOrEmpty(device) ? Msg.T("a serial device (e.g. /dev/ttyUSB0) is required")
        : device.Contains("..", StringComparison.Ordinal) || !DevicePattern().IsMatch(device)
            ? Msg.T("a device is a path under /dev/ (letters, digits, '.', '-', '_', '/')") : null;

    public static string? CheckSpeed(int? speed) =>
        // pppd takes any positive number as the speed and only warns when the tty lacks it, so a
        // speed outside the usual list is not refused.
        speed is null || speed > 0 ? null
        : Msg.F("not a serial speed (use one of {0})", string.Join(", ", StandardSpeeds.Where(s => s >= 9600 && s <= 921600)));

    public static string? CheckSafePath(string? path) =>
        string.IsNullOrEmpty(path) ? null
        : path.Contains("..", StringComparison.Ordinal) || !SafePathPattern().IsMatch(path)
            ? Msg.T("an absolute path with letters, digits, '.', '-', '_' and '/' only") : null;

    public static string? CheckShellSafeArgument(string? argument) =>
        argument is not null && ShellSafeArgumentPattern().IsMatch(argument) && !argument.StartsWith("--nolaunchpppd", StringComparison.Ordinal)
            ? null : Msg.T("letters, digits and . _ = : / , - only (it runs inside pppd's pty command)");

    public static string? CheckRange(int? value, int min, int max) =>
        value is null || (value >= min && value <= max) ? null : Msg.F("must be between {0} and {1}", min, max);

    /// <summary>A word of a peers or secrets file: any printable text of at most
    /// <paramref name="maxBytes"/> bytes in UTF-8, by default what pppd reads as one word. A longer
    /// name is not refused: pppd cuts user, name and remotename to 255 bytes itself (see
    /// <see cref="PppdNames"/>), and takes ipparam and the PPPoE names whole.</summary>
    public static string? CheckSecretWord(string? value, string what, int maxBytes = PppWordReader.MaxWordBytes)
    {
        if (value is null) return null;
        if (CheckPlainText(value, what) is { } problem) return problem;
        var bytes = System.Text.Encoding.UTF8.GetByteCount(value);
        if (bytes > maxBytes) return Msg.F("{0} is {1} bytes long in UTF-8; pppd's limit is {2}", Msg.T(what), bytes, maxBytes);
        return null;
    }

    /// <summary>A password for chap-secrets or pap-secrets.</summary>
    /// <summary>An IPsec pre-shared key: one line of printable text (strongSwan's quoted string holds the rest).</summary>
    public static string? CheckPsk(string? value)
    {
        if (value is null) return null;
        if (value.Length < 8) return Msg.T("the pre-shared key is shorter than 8 characters; most servers refuse it");
        return value.Any(char.IsControl) ? Msg.T("the pre-shared key holds a control character (a line break or tab)") : null;
    }

    public static string? CheckPassword(string? value)
    {
        if (value is null) return null;
        // scan_authfile() takes a secret word starting with "@/" as the file to read the secret from.
        if (value.StartsWith("@/", StringComparison.Ordinal))
            return Msg.T("the password starts with '@/', which pppd reads as the name of a file holding the secret");
        return CheckSecretWord(value, "the password", 256);
    }

    /// <summary>Text on one line that can be stored as UTF-8: no control characters (newline, tab,
    /// escape), no unpaired UTF-16 surrogate.</summary>
    public static string? CheckPlainText(string? value, string what)
    {
        if (value is null) return null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c)) return Msg.F("{0} contains a control character (such as a newline, tab or escape)", Msg.T(what));
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (char.IsSurrogate(c)) return Msg.F("{0} contains an invalid Unicode character (an unpaired surrogate)", Msg.T(what));
        }
        return null;
    }

    public static string? CheckRoute(string? route)
    {
        if (string.IsNullOrWhiteSpace(route) || !route.Contains('/') || !IPNetwork.TryParse(route, out var net))
            return Msg.F("'{0}' is not a network in CIDR form (e.g. 10.0.0.0/8)", route);
        return net.ToString() == route ? null : Msg.F("'{0}' has host bits set: did you mean {1}?", route, net);
    }

    /// <summary>A DNS domain for a routing domain: a host name's shape ("." alone means every
    /// lookup). It goes into the ip-up.d hook, so nothing a shell would read is let through.</summary>
    public static string? CheckDnsDomain(string? domain) =>
        domain is "." || (domain is not null && HostNamePattern().IsMatch(domain)) ? null
        : Msg.F("'{0}' is not a DNS domain (e.g. corp.example, or . for every lookup)", domain);

    public static string? CheckOptionLine(string? line)
    {
        if (string.IsNullOrWhiteSpace(line)) return Msg.T("an empty option line");
        foreach (var c in line)
            if (c is '\n' or '\r' or '\0') return Msg.T("one option per line: it must not contain a line break");
        for (var i = 0; i < line.Length; i++)
        {
            if (char.IsHighSurrogate(line[i]) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1])) i++;
            else if (char.IsSurrogate(line[i])) return Msg.T("the line contains an invalid Unicode character (an unpaired surrogate)");
        }
        // pppd reads a backslash before the line break as "join the next line": the option would take the next line's words.
        if ((line.Length - line.TrimEnd('\\').Length) % 2 == 1) return Msg.T("the line ends in a backslash, which joins it to the next line in pppd");
        return null;
    }
}
