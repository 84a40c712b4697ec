namespace PppTui.Tui.Adapters;

/// <summary>
/// The profile list over <see cref="ProfileService"/>: every profile file under the root and every
/// peers file no profile manages yet (<see cref="ProfileService.NotImported"/>, the rule the CLI's
/// list uses too), with the live state of its link from <see cref="LinkStatusAdapter"/>. A profile file that does not load stays in
/// the list, marked, and its problem goes once to the error log; the list never throws. Nothing is
/// read when it is built: <see cref="LoadInBackground"/> reads the folder off the UI thread, so the
/// screen is drawn first however slow the folder is.
/// </summary>
public sealed class ProfileListAdapter : IProfileListModel
{
    private readonly ProfileService _service;
    private readonly Func<ProfileCatalog> _readFolder;
    private readonly ErrorLog _errors;
    private readonly LinkStatusAdapter? _links;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private IReadOnlyList<Row> _rows = [];
    private IReadOnlyList<ProfileSummary> _profiles = [];
    private (DateTime Profiles, DateTime Peers) _folderStamp;
    private string _statesKey = "";
    private bool _loaded;
    private Task? _loading;
    private readonly bool _kindCautions;
    private long _readsStarted;
    private long _readShown;

    /// <param name="readFolder">How the profile folder is read; <see cref="ProfileService.List"/> unless a test slows it down.</param>
    /// <param name="kindCautions">Say a kind's weakness (PPTP's) in the New dialog and the editor; false: the user silenced it.</param>
    public ProfileListAdapter(ProfileService service, ErrorLog errors, LinkStatusAdapter? links = null, Func<ProfileCatalog>? readFolder = null,
        bool kindCautions = true)
    {
        _kindCautions = kindCautions;
        _service = service;
        _readFolder = readFolder ?? service.List;
        _errors = errors;
        _links = links;
        Kinds = KindRegistry.All
            .Select(k => new KindInfo(ProfileToml.KindName(k.Kind), k.DisplayName, k.Description, kindCautions ? k.Caution : null))
            .ToList();
        if (links is not null) links.Changed += (_, _) => OnLinksChanged();
    }

    public IReadOnlyList<ProfileSummary> Profiles
    {
        get { lock (_gate) return _profiles; }
    }

    public bool IsLoaded
    {
        get { lock (_gate) return _loaded; }
    }

    public IReadOnlyList<KindInfo> Kinds { get; }

    public event EventHandler? Changed;

    /// <summary>Reads the profile folder on a pool thread, once; <see cref="Changed"/> says when the list is there.</summary>
    public Task LoadInBackground()
    {
        lock (_gate) return _loading ??= Task.Run(Reload);
    }

    /// <summary>Reads the profile folder again and raises <see cref="Changed"/>.</summary>
    public void Reload()
    {
        var read = Interlocked.Increment(ref _readsStarted);
        var stamp = FolderStamp();
        if (!IsLoaded) ShowNamesFirst(read);
        ProfileCatalog catalog;
        try
        {
            catalog = _readFolder();
        }
        catch (Exception e)
        {
            ReportOnce(ErrorLog.Describe(e, Msg.F("Read the profiles in {0}", _service.Paths.ProfilesDir)));
            catalog = new ProfileCatalog([], []);
        }
        var rows = catalog.Profiles
            .Select(p => new Row(p.Name, ProfileToml.KindName(p.Kind), p.Description, null))
            .ToList();
        foreach (var problem in catalog.Problems)
        {
            var error = new UserError(Msg.F("Read profile {0}", Path.GetFileName(problem.File)), problem.ToString(),
                Msg.T("Fix the file (it is plain TOML) or delete it; the other profiles work meanwhile."), problem.File);
            ReportOnce(error);
            // A problem with the folder itself has no row; one with a file keeps its row, marked.
            if (!problem.File.EndsWith(".toml", StringComparison.Ordinal)) continue;
            var name = Path.GetFileNameWithoutExtension(problem.File);
            if (rows.Any(r => r.Name == name)) continue;
            rows.Add(new Row(name, "?", null, $"{problem.Message} ({Path.GetFileName(problem.File)}:{problem.Line})"));
        }
        var notImported = _service.NotImported(catalog, out var peersDenied);
        foreach (var name in notImported)
        {
            // A profile that does not load keeps its own row: its peers file is not a second one.
            if (rows.Any(r => r.Name == name)) continue;
            rows.Add(new Row(name, DetectKind(name), Msg.F("/etc/ppp/peers/{0}, not imported", name), null, NotImported: true));
        }
        rows.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        Unreadable = UnreadableFolder(catalog, peersDenied);
        // The link states are read outside this lock: the link adapter asks this list (under its
        // own lock) whether a name is a profile, so the two locks are never taken the other way round.
        var profiles = Summaries(rows);
        lock (_gate)
        {
            // Reads may overlap (the first, slow one and a reload after Apply): an older read never replaces a newer one.
            if (read < _readShown) return;
            _readShown = read;
            _loaded = true;
            _folderStamp = stamp;
            _rows = rows;
            _profiles = profiles;
            _statesKey = StatesKey(profiles);
        }
        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>
    /// Before the first full read: the profiles by their file names, so the list (and its count) is
    /// on the screen while every file is parsed (10,000 profiles take most of a second). Their kind
    /// and description follow with the full read, which also adds the peers files not imported.
    /// </summary>
    private void ShowNamesFirst(long read)
    {
        List<Row> rows;
        try
        {
            rows = Directory.EnumerateFiles(_service.Paths.ProfilesDir, "*.toml")
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>()
                .Order(StringComparer.Ordinal)
                .Select(name => new Row(name, "", null, null))
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // the full read says what is wrong with the folder
        }
        if (rows.Count == 0) return;
        var profiles = Summaries(rows);
        lock (_gate)
        {
            if (_loaded || read < _readShown) return;
            _readShown = read;
            _rows = rows;
            _profiles = profiles;
            _statesKey = StatesKey(profiles);
        }
        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Reloads when the profile or peers folder changed (a profile saved or removed by the CLI or another screen). Two stats.</summary>
    public void ReloadIfChanged()
    {
        (DateTime, DateTime) stamp;
        lock (_gate)
        {
            // The first read is still under way (the folder is slow): the UI thread must not wait for it too.
            if (!_loaded) return;
            stamp = _folderStamp;
        }
        if (FolderStamp() != stamp) Reload();
    }

    /// <remarks>A peers file not imported yet opens as the importer reads it, and nothing is written
    /// until an edit is applied: that Apply imports it.</remarks>
    public IEditorModel OpenEditor(string profileName)
    {
        bool notImported;
        lock (_gate) notImported = _rows.Any(r => r.Name == profileName && r.NotImported);
        var profile = notImported ? _service.ReadNotImported(profileName) : _service.Load(profileName);
        return new ProfileEditorAdapter(_service, profile, isNew: false, applied: _ => Reload(), _kindCautions) { NotImported = notImported };
    }

    public IEditorModel CreateNew(string kindId, string profileName)
    {
        if (!ProfileToml.TryParseKind(kindId, out var kind))
            throw new ArgumentException($"'{kindId}' is not a connection kind; the kinds are {string.Join(", ", Kinds.Select(k => k.Id))}", nameof(kindId));
        return new ProfileEditorAdapter(_service, _service.Create(profileName, kind), isNew: true, applied: _ => Reload(), _kindCautions);
    }

    public async Task<ActionResult> DeleteAsync(string profileName, CancellationToken cancellationToken)
    {
        var what = Msg.F("Delete {0}", profileName);
        try
        {
            var result = await Task.Run(() => _service.Delete(profileName), cancellationToken).ConfigureAwait(false);
            Reload();
            var kept = result.Kept.Count == 0 ? "" : Msg.F("; kept {0}", string.Join(", ", result.Kept));
            return ActionResult.Ok(Msg.F("Deleted {0}: removed {1}{2} (backups in {3})", profileName, string.Join(", ", result.Removed), kept, _service.Paths.BackupsDir));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ActionResult.Fail(ErrorLog.Describe(e, what));
        }
    }

    public async Task<ActionResult> ImportAllAsync(CancellationToken cancellationToken)
    {
        var what = Msg.T("Import the peers files");
        try
        {
            var results = await Task.Run(() =>
            {
                var names = _service.NotImported(_service.List());
                // An empty list asks the service for every peers file, managed ones included.
                return names.Count == 0 ? [] : _service.Import(names);
            }, cancellationToken).ConfigureAwait(false);
            Reload();
            if (results.Count == 0) return ActionResult.Ok(Msg.T("Nothing to import: every peers file is already a profile."));
            var warned = results.Where(r => r.Warnings.Count > 0).Select(r => r.Profile.Name).ToList();
            return ActionResult.Ok(Msg.F("Imported {0}; the peers files were not changed", string.Join(", ", results.Select(r => r.Profile.Name))) +
                                   (warned.Count == 0 ? "" : Msg.F(" ({0}: see the editor's messages before applying)", string.Join(", ", warned))));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ActionResult.Fail(ErrorLog.Describe(e, what));
        }
    }

    private void OnLinksChanged()
    {
        IReadOnlyList<Row> rows;
        lock (_gate) rows = _rows;
        var profiles = Summaries(rows);
        var key = StatesKey(profiles);
        bool changed;
        lock (_gate)
        {
            changed = key != _statesKey && ReferenceEquals(rows, _rows);
            if (changed)
            {
                _profiles = profiles;
                _statesKey = key;
            }
        }
        if (changed) Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <inheritdoc/>
    public string? Unreadable { get; private set; }

    // The same folders `ppptui list` reads: the profiles, and the peers files still to import
    // (whose folder the not-imported list just tried: read once, not twice).
    private string? UnreadableFolder(ProfileCatalog catalog, NeedsRootException? peersDenied)
    {
        if (catalog.Problems.FirstOrDefault(p => !p.File.EndsWith(".toml", StringComparison.Ordinal)) is { } folder)
            return Denied(folder.File);
        return peersDenied is null ? null : Denied(_service.Paths.PeersDir);
    }

    // Short lines: the list pane is narrow.
    private static string Denied(string folder) => Msg.F("Cannot read\n{0}\n(permission denied:\nrun sudo ppptui)", folder);

    private IReadOnlyList<ProfileSummary> Summaries(IEnumerable<Row> rows) =>
        rows.Select(r => new ProfileSummary(r.Name, r.Kind, _links?.StateOf(r.Name) ?? LinkPhase.Unknown, r.Description, r.Problem, r.NotImported)).ToList();

    // The kind the importer recognises; "?" when the file cannot be read (root only, say): opening it says why.
    private string DetectKind(string peersName)
    {
        try { return ProfileToml.KindName(_service.ReadNotImported(peersName).Kind); }
        catch (Exception e) when (e is PppTuiException or IOException or UnauthorizedAccessException) { return "?"; }
    }

    private static string StatesKey(IEnumerable<ProfileSummary> profiles) => string.Join(",", profiles.Select(p => p.Name + "=" + p.State));

    // The peers folder counts too: a peers file added or removed by hand changes the list.
    private (DateTime Profiles, DateTime Peers) FolderStamp() => (Stamp(_service.Paths.ProfilesDir), Stamp(_service.Paths.PeersDir));

    private static DateTime Stamp(string folder)
    {
        try
        {
            return Directory.Exists(folder) ? Directory.GetLastWriteTimeUtc(folder) : DateTime.MinValue;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DateTime.MinValue;
        }
    }

    private sealed record Row(string Name, string Kind, string? Description, string? Problem, bool NotImported = false);

    private void ReportOnce(UserError error)
    {
        lock (_gate)
        {
            if (!_reported.Add(error.Cause)) return;
        }
        _errors.Report(error);
    }
}
