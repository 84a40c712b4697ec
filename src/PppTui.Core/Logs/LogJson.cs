using System.Text.Json.Serialization;

namespace PppTui.Core.Logs;

/// <summary>The JSON shape of one log line (`ppptui logs --json` writes one object per line).</summary>
public sealed record LogLineJson(
    [property: JsonPropertyName("time")] DateTimeOffset? Time,
    [property: JsonPropertyName("host")] string? Host,
    [property: JsonPropertyName("program")] string Program,
    [property: JsonPropertyName("pid")] int? Pid,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("link")] string? Link,
    [property: JsonPropertyName("truncated")] bool Truncated,
    [property: JsonPropertyName("diagnosis")] DiagnosisJson? Diagnosis)
{
    public static LogLineJson From(LogLine line) => new(
        line.Timestamp, line.Host, line.Program, line.Pid, line.Severity.ToString().ToLowerInvariant(), line.Message,
        line.Source, line.Link, line.Truncated,
        line.Diagnosis is { } d ? new DiagnosisJson(d.Code, d.Severity.ToString().ToLowerInvariant(), d.Cause, d.Fix, d.ExitStatus) : null);

    /// <summary>One line of JSON (no indentation, no trailing newline).</summary>
    public static string Serialize(LogLine line) => JsonSerializer.Serialize(From(line), LogJsonContext.Default.LogLineJson);
}

public sealed record DiagnosisJson(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("cause")] string Cause,
    [property: JsonPropertyName("fix")] string Fix,
    [property: JsonPropertyName("exit_status")] int? ExitStatus);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LogLineJson))]
internal sealed partial class LogJsonContext : JsonSerializerContext;
