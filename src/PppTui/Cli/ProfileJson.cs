namespace PppTui.Cli;

/// <summary>JSON shapes of profile data for scripts. Never a password: only whether one is set.</summary>
public static class ProfileJson
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    public static JsonObject Profile(Profile p, string? secretsFile = null)
    {
        var draft = new ProfileDraft(p);
        var o = new JsonObject
        {
            ["name"] = p.Name,
            ["kind"] = ProfileToml.KindName(p.Kind),
        };
        foreach (var field in ProfileFields.For(p.Kind).Where(f => f.Type != FieldType.Secret))
        {
            var value = field.Get(draft);
            o[field.Key.Replace('-', '_')] = field.Type switch
            {
                FieldType.Number => value is null ? null : JsonValue.Create(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)),
                FieldType.Flag => JsonValue.Create(value == "yes"),
                FieldType.List => new JsonArray((value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
                _ => value is null ? null : JsonValue.Create(value),
            };
        }
        o["mppe_required"] = p.Ppp.Mppe is MppeMode.Required or MppeMode.Required128 or MppeMode.Required40;
        o["mppe_bits"] = p.Ppp.Mppe switch { MppeMode.Required128 => 128, MppeMode.Required40 => 40, _ => null };
        o["defaultroute"] = p.Ppp.DefaultRoute is DefaultRouteMode.Add or DefaultRouteMode.Replace;
        o["refuse"] = new JsonArray(Refused(p.Ppp).Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
        o["extra_options"] = new JsonArray(p.ExtraOptions.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray());
        o["password_in"] = secretsFile;
        return o;
    }

    public static IEnumerable<string> Refused(PppSettings ppp)
    {
        if (ppp.RefusePap) yield return "pap";
        if (ppp.RefuseChap) yield return "chap";
        if (ppp.RefuseMsChap) yield return "mschap";
        if (ppp.RefuseMsChapV2) yield return "mschap-v2";
        if (ppp.RefuseEap) yield return "eap";
    }

    public static JsonObject Plan(ChangePlan plan) => new()
    {
        ["profile"] = plan.ProfileName,
        ["changes"] = plan.HasChanges,
        ["files"] = new JsonArray(plan.Files.Select(f => (JsonNode?)new JsonObject
        {
            ["path"] = f.SystemPath,
            ["role"] = f.Role.ToString().ToLowerInvariant(),
            ["new"] = f.IsNew,
            ["changes"] = f.Changes,
            // Apply refuses such a file without --force: a dry run says so before the real run fails.
            ["edited_on_disk"] = f.ChangedOnDiskSince is not null,
            ["text"] = f.PreviewText,
            ["diff"] = f.Diff(),
        }).ToArray()),
        ["notes"] = new JsonArray(plan.Notes.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
    };

    public static string Write(JsonNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Indented)) node.WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
