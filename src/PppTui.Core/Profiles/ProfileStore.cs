namespace PppTui.Core.Profiles;

/// <summary>What loading the profile folder gave: every good profile, and what was wrong with the rest.</summary>
public sealed record ProfileCatalog(IReadOnlyList<Profile> Profiles, IReadOnlyList<TomlProblem> Problems)
{
    public Profile? Find(string name) => Profiles.FirstOrDefault(p => p.Name == name);
}

/// <summary>
/// The TOML profiles under <c>&lt;root&gt;/etc/ppptui/profiles/</c>. One bad file never hides the
/// others: it is reported with file:line:col and skipped.
/// </summary>
public sealed class ProfileStore
{
    private readonly SystemPaths _paths;
    private readonly AtomicFileWriter _writer;

    public ProfileStore(SystemPaths paths, AtomicFileWriter writer)
    {
        _paths = paths;
        _writer = writer;
    }

    public string PathOf(string name) => _paths.ProfileFile(name);

    /// <summary>From this many profile files on, <see cref="LoadAll"/> parses them in parallel.</summary>
    internal const int ParallelFrom = 256;

    public ProfileCatalog LoadAll()
    {
        var profiles = new List<Profile>();
        var problems = new List<TomlProblem>();
        if (!Directory.Exists(_paths.ProfilesDir))
        {
            if (TextFile.IsHiddenByPermissions(_paths.ProfilesDir))
                problems.Add(new TomlProblem(_paths.ProfilesDir, 0, 0, "permission denied: run as root to see the profiles"));
            return new ProfileCatalog(profiles, problems);
        }
        List<string> files;
        try
        {
            files = Directory.EnumerateFiles(_paths.ProfilesDir, "*.toml").Order(StringComparer.Ordinal).ToList();
        }
        catch (UnauthorizedAccessException)
        {
            problems.Add(new TomlProblem(_paths.ProfilesDir, 0, 0, "permission denied: run as root to see the profiles"));
            return new ProfileCatalog(profiles, problems);
        }
        // Each file is parsed on its own: a large folder is parsed on every core (in file order
        // still); for a few files starting the worker threads would cost more than it saves.
        var loaded = files.Count >= ParallelFrom ? LoadInParallel(files) : files.Select(LoadFile).ToList();
        foreach (var (profile, fileProblems) in loaded)
        {
            problems.AddRange(fileProblems);
            if (profile is not null) profiles.Add(profile);
        }
        return new ProfileCatalog(profiles, problems);
    }

    private static List<(Profile?, IReadOnlyList<TomlProblem>)> LoadInParallel(List<string> files)
    {
        try { return files.AsParallel().AsOrdered().Select(LoadFile).ToList(); }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // What one file threw, as the one-by-one read would have thrown it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            throw;
        }
    }

    /// <summary>Loads one profile by name.</summary>
    /// <exception cref="PppTuiException">No such profile, or its file is invalid.</exception>
    public Profile Load(string name)
    {
        var nameProblem = ValueRules.CheckProfileName(name);
        if (nameProblem is not null)
            throw new PppTuiException(Msg.F("'{0}' is not a valid profile name: {1}", name, nameProblem), Msg.T("Use 'ppptui list' to see the profiles."))
            {
                Kind = FailureKind.BadInput,
            };
        var path = PathOf(name);
        if (!File.Exists(path))
            throw new ProfileNotFoundException(name, path);
        var (profile, problems) = LoadFile(path);
        if (profile is null)
            throw new PppTuiException(string.Join("\n", problems.Select(p => p.ToString())),
                Msg.F("Fix the file (it is plain TOML) or re-create it with 'ppptui import {0}'.", name))
            {
                Kind = FailureKind.Invalid,
                File = path,
                Line = problems.FirstOrDefault() is { Line: > 0 } first ? first.Line : null,
            };
        return profile;
    }

    public bool Exists(string name) => File.Exists(PathOf(name));

    /// <param name="validate">False only for imports: a hand-written file is kept even when it
    /// does not pass our rules; apply then refuses until the fields are fixed.</param>
    /// <returns>True when the file was written; false when it already said this.</returns>
    public bool Save(Profile profile, bool validate = true)
    {
        var errors = validate ? ProfileValidator.Validate(profile) : [];
        if (errors.Count > 0)
            throw new ProfileInvalidException(profile.Name, errors);
        var text = ProfileToml.Write(profile);
        // A profile ppptui would refuse to load is never written: import would otherwise leave a
        // file that list keeps calling "not imported" and every later import runs into.
        if (text.Length > ProfileToml.MaxFileChars)
            throw new PppTuiException(
                Msg.F("{0}: the profile would be {1} characters long, and ppptui loads profiles of at most {2} (its peers file has too many options kept verbatim)",
                    PathOf(profile.Name), text.Length, ProfileToml.MaxFileChars),
                Msg.T("Leave this peers file unmanaged (pppd reads it as it is), or move most of its options into a file it includes with 'file PATH'."),
                kind: FailureKind.Invalid);
        // Saving what is already there writes nothing (no backup, same mtime): apply stays idempotent.
        if (Unchanged(PathOf(profile.Name), text)) return false;
        _writer.Write(PathOf(profile.Name), text, PlannedFile.ModeFor(FileRole.Profile));
        return true;
    }

    public void Delete(string name) => _writer.Delete(PathOf(name));

    private static bool Unchanged(string path, string text)
    {
        try { return TextFile.ReadOrNull(path) == text; }
        catch (PppTuiException) { return false; }
    }

    private static (Profile?, IReadOnlyList<TomlProblem>) LoadFile(string path)
    {
        string? text;
        try
        {
            text = TextFile.ReadOrNull(path);
        }
        catch (PppTuiException ex)
        {
            return (null, [new TomlProblem(path, 0, 0, ex.Message)]);
        }
        if (text is null) return (null, [new TomlProblem(path, 0, 0, "vanished while reading")]);
        var profile = ProfileToml.Parse(text, path, out var problems);
        if (profile is not null && profile.Name != Path.GetFileNameWithoutExtension(path))
            return (null, [new TomlProblem(path, 1, 1, $"name = \"{profile.Name}\" does not match the file name; rename one of them")]);
        return (profile, problems);
    }
}

public sealed class ProfileNotFoundException(string name, string path)
    : PppTuiException(Msg.F("no profile named '{0}' ({1} does not exist)", name, path),
        Msg.T("See 'ppptui list'; hand-written peers files become profiles with 'ppptui import'."), kind: FailureKind.NotFound)
{
    public string Name { get; } = name;
}

public sealed class ProfileInvalidException(string name, IReadOnlyList<FieldError> errors)
    : PppTuiException(Msg.F("profile '{0}' is not valid:", name) + "\n" + string.Join("\n", errors.Select(e => "  " + e)),
        Msg.T("Correct the fields named above."), kind: FailureKind.Invalid)
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
