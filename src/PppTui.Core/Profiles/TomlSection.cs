using Tomlyn.Syntax;

namespace PppTui.Core.Profiles;

internal sealed record TomlValue(object Data, TextPosition Position);

/// <summary>
/// Typed reads of a parsed profile file by dotted key. Every wrong value becomes a problem with
/// its line and column; every key read is marked used, so those left over can be reported.
/// </summary>
public sealed class ProfileTomlReader
{
    private readonly Dictionary<string, TomlValue> _values;
    private readonly string _fileName;
    private readonly List<TomlProblem> _problems;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    internal ProfileTomlReader(Dictionary<string, TomlValue> values, string fileName, List<TomlProblem> problems)
    {
        _values = values;
        _fileName = fileName;
        _problems = problems;
    }

    public void Problem(string key, string message)
    {
        var position = _values.TryGetValue(key, out var v) ? v.Position : new TextPosition(0, 0, 0);
        _problems.Add(new TomlProblem(_fileName, position.Line + 1, position.Column + 1, $"{key}: {message}"));
    }

    private TomlValue? Get(string key)
    {
        _used.Add(key);
        return _values.GetValueOrDefault(key);
    }

    public string? String(string key) => (string?)Read(key, data => data as string, _ => "must be a string in quotes");

    public int? Int(string key) => (int?)Read(key, data => data is long l and >= int.MinValue and <= int.MaxValue ? (int)l : null,
        data => data is long ? "the number is out of range" : "must be a whole number (no quotes)");

    public bool? Bool(string key) => (bool?)Read(key, data => data as bool?, _ => "must be true or false");

    // The value when it has the wanted type, else null and a problem that says what it must be.
    private object? Read(string key, Func<object, object?> accept, Func<object, string> problem)
    {
        var v = Get(key);
        if (v is null) return null;
        if (accept(v.Data) is { } value) return value;
        Problem(key, problem(v.Data));
        return null;
    }

    public List<string> Strings(string key)
    {
        var v = Get(key);
        if (v is null) return [];
        if (v.Data is List<object> list && list.All(o => o is string)) return list.Cast<string>().ToList();
        Problem(key, "must be a list of strings, e.g. [\"a\", \"b\"]");
        return [];
    }

    public T Enum<T>(string key, IReadOnlyList<KeyValuePair<string, T>> names, T fallback)
    {
        var text = String(key);
        if (text is null) return fallback;
        foreach (var pair in names)
            if (pair.Key == text) return pair.Value;
        Problem(key, $"unknown value '{text}' (use {string.Join(", ", names.Select(n => n.Key))})");
        return fallback;
    }

    public void ReportUnknownKeys()
    {
        foreach (var key in _values.Keys.Where(k => !_used.Contains(k)).Order(StringComparer.Ordinal))
            Problem(key, key.EndsWith("password", StringComparison.OrdinalIgnoreCase) || key.EndsWith("secret", StringComparison.OrdinalIgnoreCase)
                ? "passwords do not belong in profile files; remove it and use 'ppptui set NAME --password-stdin'"
                : "unknown key (a typo?)");
    }
}

/// <summary>One table of a profile file (<c>[ppp]</c>, a kind's own): reads its keys by their short names.</summary>
public sealed class TomlSection(ProfileTomlReader reader, string name)
{
    private string Full(string key) => name + "." + key;

    public void Problem(string key, string message) => reader.Problem(Full(key), message);
    public string? String(string key) => reader.String(Full(key));
    public int? Int(string key) => reader.Int(Full(key));
    public bool? Bool(string key) => reader.Bool(Full(key));
    public List<string> Strings(string key) => reader.Strings(Full(key));
    public T Enum<T>(string key, IReadOnlyList<KeyValuePair<string, T>> names, T fallback) => reader.Enum(Full(key), names, fallback);
}

/// <summary>Writes profile-file keys as plain, stable text; a null value writes nothing.</summary>
public sealed class ProfileTomlWriter(StringBuilder w)
{
    public void Key(string key, string? value)
    {
        if (value is null) return;
        w.Append(key).Append(" = ").Append(ProfileToml.Quote(value)).Append('\n');
    }

    public void Key(string key, int? value)
    {
        if (value is null) return;
        w.Append(key).Append(" = ").Append(value.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    public void Key(string key, bool value) =>
        w.Append(key).Append(" = ").Append(value ? "true" : "false").Append('\n');

    public void Key(string key, IReadOnlyList<string> values, bool multiline = false)
    {
        w.Append(key).Append(" = [");
        if (multiline)
        {
            w.Append('\n');
            foreach (var v in values) w.Append("  ").Append(ProfileToml.Quote(v)).Append(",\n");
        }
        else
        {
            w.Append(string.Join(", ", values.Select(ProfileToml.Quote)));
        }
        w.Append("]\n");
    }
}
