using System.Collections.Concurrent;

namespace PppTui.Core.Logging;

/// <summary>
/// Keeps secrets out of our own log (and any text we show or hand out). Code that handles a
/// password registers it with <see cref="RegisterSecret"/>; from then on every occurrence in
/// logged text is masked. Text that looks like <c>password X</c>, <c>secret=X</c>,
/// <c>--password X</c> or <c>user:pass@host</c> is masked even without registration.
/// </summary>
public static partial class Redactor
{
    /// <summary>What replaces a secret.</summary>
    public const string Mask = "********";

    // Shorter secrets would mask ordinary words everywhere; they are still caught by the patterns.
    private const int MinimumRegisteredLength = 3;

    private static readonly ConcurrentDictionary<string, byte> Secrets = new(StringComparer.Ordinal);

    /// <summary>Remembers a secret so that it never appears in the log.</summary>
    public static void RegisterSecret(string? secret)
    {
        if (!string.IsNullOrEmpty(secret) && secret.Length >= MinimumRegisteredLength) Secrets.TryAdd(secret, 0);
    }

    /// <summary>Forgets a registered secret (for tests and after a password change).</summary>
    public static void ForgetSecret(string secret) => Secrets.TryRemove(secret, out _);

    /// <summary>The text with every registered secret and every password-looking value masked.</summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var result = text;
        foreach (var secret in Secrets.Keys.OrderByDescending(s => s.Length))
            if (result.Contains(secret, StringComparison.Ordinal)) result = result.Replace(secret, Mask, StringComparison.Ordinal);
        result = KeyValue().Replace(result, m => m.Groups["key"].Value + m.Groups["sep"].Value + Mask);
        result = UrlCredentials().Replace(result, m => m.Groups[1].Value + Mask + "@");
        return result;
    }

    /// <summary>
    /// A chap-secrets / pap-secrets record with its secret (third field) masked, for logging a
    /// line we wrote: <c>alice myvpn s3cret *</c> becomes <c>alice myvpn ******** *</c>.
    /// </summary>
    public static string SecretsLine(string line)
    {
        var m = SecretsRecord().Match(line);
        return m.Success ? line[..m.Groups["secret"].Index] + Mask + line[(m.Groups["secret"].Index + m.Groups["secret"].Length)..] : Redact(line);
    }

    /// <summary>A command for the log: program and arguments redacted; standard input never shown.</summary>
    public static string Command(CommandSpec spec) =>
        Redact(spec.ToString()) + (spec.StandardInput is null ? "" : " (with input on stdin, not logged)");

    [GeneratedRegex(@"(?<key>\b(?:password|passwd|passphrase|secret|pwd|pin|token)\b)(?<sep>\s*[=:]\s*|\s+)(?<value>""[^""]*""|'[^']*'|\S+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"(\w+://[^\s:/@]+:)[^\s@/]+@")]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"^\s*(?:""[^""]*""|'[^']*'|\S+)\s+(?:""[^""]*""|'[^']*'|\S+)\s+(?<secret>""[^""]*""|'[^']*'|[^\s#]+)")]
    private static partial Regex SecretsRecord();
}
