namespace PppTui.Core.Profiles;

/// <summary>
/// Field-level validation. The editor shows each message beside its field and enables Apply only
/// while the list is empty; the CLI prints them and refuses to save.
/// </summary>
public static class ProfileValidator
{
    public static IReadOnlyList<FieldError> Validate(Profile profile, ProfileSecrets? secrets = null)
    {
        var errors = new List<FieldError>();
        void Check(string field, string? message)
        {
            if (message is not null) errors.Add(new FieldError(field, message));
        }

        Check("name", ValueRules.CheckProfileName(profile.Name));
        foreach (var option in Kinds.SharedPppOptions.Table.Options)
            foreach (var problem in option.Validate(profile.Ppp)) Check(option.Key, problem);
        Check("description", ValueRules.CheckPlainText(profile.Description, "the description"));
        foreach (var line in profile.ExtraOptions) Check("extra", ValueRules.CheckOptionLine(line) ?? CheckExtraOptions(profile, line));
        if (secrets is not null)
        {
            Check("password", ValueRules.CheckPassword(secrets.Password));
            Check("pin", ValueRules.CheckPin(secrets.Pin));
            Check("psk", ValueRules.CheckPsk(secrets.Psk));
        }
        if (profile.KindSettings is not null) Kinds.KindRegistry.Get(profile.Kind).Validate(profile, Check);
        return errors;
    }

    /// <summary>
    /// An extra line must add options of its own: complete (an option that takes a value has it on
    /// the line) and not one the profile's fields write, since the two would fight over the file
    /// on every apply.
    /// </summary>
    private static string? CheckExtraOptions(Profile profile, string line)
    {
        var options = PppConfig.OptionFile.Parse(line);
        var kind = Kinds.KindRegistry.Get(profile.Kind);
        foreach (var entry in Kinds.ProfileRenderer.ExtraLineEntries(line, options))
        {
            if (entry.Name.Length == 0) return "an empty word ('' or \"\") is not an option";
            if (PppConfig.PppOptionTable.TakesArgument(entry.Name) && entry.Argument is null)
                return $"'{entry.Name}' needs a value on the same line (e.g. '{entry.Name} VALUE')";
            if (entry.Name == "password")
                return "'password' would put the password in the peers file, where ps shows it: set it with --password-stdin (it goes to chap-secrets)";
            if (Kinds.SharedPppOptions.Models(entry.Name) || kind.Models(entry, options) ||
                kind.OwnedOptions.Contains(entry.Name))
                return $"'{entry.Name}' is set by the profile's own fields; change it there instead of adding a line";
        }
        return null;
    }
}
