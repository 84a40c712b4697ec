using System.Text.Json.Serialization;

namespace PppTui.Core.Dialing;

/// <summary>
/// What ppptui saw of its last dial of a link: pppd's lines while it was attached (its whole
/// log until the link came up or failed), how it ended, and where later lines will be. This is
/// what <c>ppptui explain NAME</c> reads first.
/// </summary>
public sealed record DialAttempt
{
    public required string Name { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    /// <summary>The pppd ppptui started (the parent, until it detaches).</summary>
    public int? Pid { get; init; }
    /// <summary>The pppd that lives on after it detached (from the pid file).</summary>
    public int? DaemonPid { get; init; }
    public int? ExitStatus { get; init; }
    public LinkState Outcome { get; init; }
    public string? Reason { get; init; }
    /// <summary>The pppd logfile of this peer, and how long it was when the dial started.</summary>
    public string? LogFile { get; init; }
    public long? LogFileOffset { get; init; }
    public List<string> Lines { get; init; } = [];
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(DialAttempt))]
internal sealed partial class DialAttemptJsonContext : JsonSerializerContext;

/// <summary>Keeps the last dial attempt of each link under &lt;root&gt;/var/log/ppptui/attempts/NAME.json.</summary>
public sealed class DialAttemptStore
{
    private readonly SystemPaths _paths;

    public DialAttemptStore(SystemPaths paths)
    {
        _paths = paths;
    }

    public string Directory => Path.Join(_paths.VarLog, "ppptui", "attempts");

    public string FileFor(string name) => Path.Join(Directory, name + ".json");

    public DialAttempt? Load(string name)
    {
        if (LinkNames.Problem(name) is not null) return null;
        try
        {
            var path = FileFor(name);
            if (!File.Exists(path)) return null;
            return JsonSerializer.Deserialize(File.ReadAllText(path), DialAttemptJsonContext.Default.DialAttempt);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Saves the attempt (temp file then rename, owner-only); a failure to save never fails the dial.</summary>
    public bool Save(DialAttempt attempt)
    {
        if (LinkNames.Problem(attempt.Name) is not null) return false;
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var path = FileFor(attempt.Name);
            var temp = path + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(attempt, DialAttemptJsonContext.Default.DialAttempt));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(temp, path, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
