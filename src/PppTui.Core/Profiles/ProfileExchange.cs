namespace PppTui.Core.Profiles;

/// <summary>What importing one TOML profile did.</summary>
/// <param name="Outcome">created, replaced or unchanged (the stored profile already said this).</param>
public sealed record TomlImportResult(string Name, string SourceFile, string Outcome, ApplyResult? Applied);

/// <summary>
/// Profiles as portable TOML for fleets: export one to text, import files back (validated, then
/// applied). Passwords never travel in the TOML: they come from stdin or a root-only secrets file.
/// </summary>
public sealed class ProfileExchange
{
    private readonly ProfileService _service;

    public ProfileExchange(ProfileService service) => _service = service;

    /// <summary>The profile's TOML, ready to copy to another machine.</summary>
    /// <exception cref="PppTuiException">The profile keeps a password as a pppd option (it would travel with the file).</exception>
    public string Export(string name)
    {
        var profile = _service.Load(name);
        var leaking = profile.ExtraOptions.FirstOrDefault(l => OptionFile.Parse(l).Entries.FirstOrDefault()?.Name is "password");
        if (leaking is not null)
            throw new PppTuiException(
                Msg.F("profile '{0}' keeps a 'password' option among its extra options, and an export would carry the password", name),
                Msg.F("Move it into chap-secrets: ppptui set {0} --remove-option password, then printf '%s\\n' \"$PASSWORD\" | ppptui set {0} --password-stdin.", name));
        return ProfileToml.Write(profile);
    }

    /// <summary>Parses a TOML profile file.</summary>
    /// <exception cref="ProfileInvalidException">Syntax or value problems, each with file:line:col.</exception>
    public static Profile Parse(string text, string sourceFile)
    {
        var profile = ProfileToml.Parse(text, sourceFile, out var problems);
        if (profile is null || problems.Count > 0)
            throw new ProfileInvalidException(Path.GetFileNameWithoutExtension(sourceFile),
                problems.Select(p => new FieldError($"{p.File}:{p.Line}:{p.Column}", p.Message)).ToList());
        if (ValueRules.CheckProfileName(profile.Name) is { } nameProblem)
            throw new ProfileInvalidException(profile.Name, [new FieldError($"{sourceFile}: name", nameProblem)]);
        return profile;
    }

    /// <summary>
    /// Imports TOML profiles: each is validated, stored, and (unless <paramref name="apply"/> is
    /// false) applied with its secrets. Running it again with the same files changes nothing.
    /// </summary>
    /// <param name="files">(source path for messages, text).</param>
    /// <param name="secrets">Secrets per profile name, from stdin or a secrets file.</param>
    /// <param name="replace">Replace a stored profile whose settings differ (otherwise refused).</param>
    public IReadOnlyList<TomlImportResult> Import(IReadOnlyList<(string Source, string Text)> files,
        IReadOnlyDictionary<string, ProfileSecrets> secrets, bool replace, bool apply = true, bool force = false)
    {
        var parsed = files.Select(f => (f.Source, Profile: Parse(f.Text, f.Source))).ToList();
        var duplicate = parsed.GroupBy(p => p.Profile.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new PppTuiException(Msg.F("two files define profile '{0}': {1}", duplicate.Key, string.Join(", ", duplicate.Select(d => d.Source))),
                Msg.T("Give each profile its own name."));
        foreach (var name in secrets.Keys.Where(n => parsed.All(p => p.Profile.Name != n)))
            throw new PppTuiException(Msg.F("the secrets name profile '{0}', which none of the files define", name), Msg.T("Check the profile names in the secrets file."));
        if (!apply && secrets.Values.Any(s => !s.IsEmpty))
            throw new PppTuiException(Msg.T("a password was given but --no-apply keeps it from being written"), Msg.T("Drop --no-apply: a password is written into chap-secrets at once, never kept for later."));

        // Validate everything before writing anything: a fleet run either takes the whole batch or none.
        foreach (var (source, profile) in parsed)
        {
            secrets.TryGetValue(profile.Name, out var s);
            var errors = ProfileValidator.Validate(profile, s);
            if (errors.Count > 0) throw new ProfileInvalidException(profile.Name, errors.Select(e => e with { Field = $"{source}: {e.Field}" }).ToList());
            if (_service.Store.Exists(profile.Name) && !replace && Differs(_service.Load(profile.Name), profile))
                throw new PppTuiException(Msg.F("profile '{0}' exists with other settings ({1})", profile.Name, _service.Store.PathOf(profile.Name)),
                    Msg.F("Re-run with --replace to take the settings of {0}; see the difference with 'ppptui export {1} | diff - {0}'.", source, profile.Name));
        }

        var results = new List<TomlImportResult>();
        foreach (var (source, profile) in parsed)
        {
            var existed = _service.Store.Exists(profile.Name);
            var outcome = !existed ? "created" : Differs(_service.Load(profile.Name), profile) ? "replaced" : "unchanged";
            secrets.TryGetValue(profile.Name, out var s);
            ApplyResult? applied = null;
            if (apply) applied = _service.Apply(profile, s, force);
            else if (outcome != "unchanged") _service.Save(profile);
            results.Add(new TomlImportResult(profile.Name, source, outcome, applied));
        }
        return results;
    }

    private static bool Differs(Profile a, Profile b) => ProfileToml.Write(a) != ProfileToml.Write(b);

    /// <summary>
    /// Reads a fleet secrets file: <c>password=...</c> (one profile) or <c>NAME.password=...</c>
    /// lines, also <c>pin</c>; <c>#</c> starts a comment line. The file must be readable by its
    /// owner only, like chap-secrets.
    /// </summary>
    /// <param name="onlyProfile">The profile a bare <c>password=</c> belongs to (null when several are imported).</param>
    public static Dictionary<string, ProfileSecrets> ReadSecretsFile(string path, string? onlyProfile)
    {
        if (!File.Exists(path))
            throw new PppTuiException(Msg.F("secrets file {0} does not exist", path), Msg.T("Give the path of a file with 'NAME.password=...' lines (mode 0600)."));
        var mode = File.GetUnixFileMode(path);
        if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            throw new PppTuiException(Msg.F("secrets file {0} is readable by others (mode {1})", path, Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0')),
                Msg.F("chmod 600 {0}; passwords must be readable by their owner only.", path));
        var text = TextFile.ReadOrNull(path) ?? "";
        var result = new Dictionary<string, ProfileSecrets>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var eq = line.IndexOf('=');
            var key = eq > 0 ? line[..eq].Trim() : "";
            var dot = key.LastIndexOf('.');
            var (name, field) = dot > 0 ? (key[..dot], key[(dot + 1)..]) : (onlyProfile, key);
            // The message names the line and the key, never the value.
            if (eq <= 0 || field is not ("password" or "pin"))
                throw new PppTuiException(Msg.F("{0}:{1}: expected 'NAME.password=...', 'NAME.pin=...' or, for one profile, 'password=...'", path, lineNumber),
                    Msg.T("Fix that line; one secret per line, nothing else."));
            if (name is null)
                throw new PppTuiException(Msg.F("{0}:{1}: '{2}=' names no profile, and several profiles are imported", path, lineNumber, key),
                    Msg.T("Write it as NAME.password=... ."));
            if (ValueRules.CheckProfileName(name) is { } problem)
                throw new PppTuiException(Msg.F("{0}:{1}: '{2}' is not a profile name: {3}", path, lineNumber, name, problem), Msg.T("Fix the name before the dot."));
            var secrets = result.TryGetValue(name, out var existing) ? existing : result[name] = new ProfileSecrets();
            if (field == "password") secrets.Password = line[(eq + 1)..];
            else secrets.Pin = line[(eq + 1)..];
        }
        return result;
    }
}
