using System.Text.Json.Serialization;
using Tomlyn.Serialization;

namespace PppTui.Core.Settings;

/// <summary>
/// The app's own preferences (ppptui.toml): look and feel only. Connection settings live in the
/// profiles, never here.
/// </summary>
public sealed class AppSettings
{
    /// <summary>The colour theme's name (a file in themes/), or null for the default.</summary>
    public string? Theme { get; set; }

    /// <summary>Draw with 16 colours only, for terminals that show other colours wrongly.</summary>
    [JsonPropertyName("force_16_colors")]
    public bool Force16Colors { get; set; }

    /// <summary>Say a kind's known weakness (PPTP's MS-CHAPv2) in the New dialog, the editor header and the doctor; false silences it.</summary>
    [JsonPropertyName("kind_cautions")]
    public bool KindCautions { get; set; } = true;
}

[TomlSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[TomlSerializable(typeof(AppSettings))]
internal partial class AppSettingsTomlContext : TomlSerializerContext;
