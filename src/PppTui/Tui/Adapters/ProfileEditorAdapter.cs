namespace PppTui.Tui.Adapters;

/// <summary>
/// The editor over one profile: a copy of it (<see cref="Profile.Clone"/>) plus the secrets typed
/// for it, a form built from the kind's page of fields (<see cref="ProfileFields.PageFor"/>), the core validator's messages beside the fields, and a preview that
/// is one <see cref="ProfileService.Preview"/> per change against a snapshot of the disk. Apply goes
/// through <see cref="ProfileService.Apply"/> with that snapshot; the secrets are dropped after it.
/// </summary>
/// <remarks>
/// Values are set on the UI thread and Apply runs on a worker, so every piece of state is guarded
/// by one lock; events are raised outside it.
/// </remarks>
public sealed class ProfileEditorAdapter : IEditorModel
{
    private readonly ProfileService _service;
    private readonly Action<ProfileEditorAdapter>? _applied;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ProfileField> _fieldsByKey;
    // What the user typed, per field, while it differs from what the profile holds (a number being
    // typed, a value the field refused): the form shows it back instead of the last good value.
    private readonly Dictionary<string, string> _typed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refused = new(StringComparer.Ordinal);
    private Profile _loaded;
    private string _loadedToml;
    private ProfileDraft _draft;
    private DiskSnapshot _snapshot = new();
    private IReadOnlyList<FieldMessage> _messages = [];
    private bool _dirty;
    // Where the password of the loaded profile is kept ("set in /etc/ppp/chap-secrets, line 2"):
    // the masked field is empty, and without this it reads as "no password".
    private string? _passwordOnDisk;

    public ProfileEditorAdapter(ProfileService service, Profile profile, bool isNew, Action<ProfileEditorAdapter>? applied = null,
        bool kindCautions = true)
    {
        _service = service;
        _applied = applied;
        _loaded = profile.Clone();
        _loadedToml = ProfileToml.Write(_loaded);
        _draft = new ProfileDraft(profile.Clone());
        IsNew = isNew;
        var kind = KindRegistry.Get(profile.Kind);
        KindTitle = kind.DisplayName;
        Caution = kindCautions && kind.Caution is { } caution ? caution : null;
        var fields = ProfileFields.PageFor(profile.Kind);
        _fieldsByKey = fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
        Fields = fields.Select(ToEditorField).ToList();
        PreviewModel = new PlanPreview(service);
        _passwordOnDisk = isNew ? null : PasswordOnDisk(_loaded);
        Recompute();
    }

    public string ProfileName => _loaded.Name;
    public string Kind => KindTitle;
    public string KindTitle { get; }
    public string? Caution { get; }
    public bool IsNew { get; private set; }

    /// <summary>A peers file no profile manages yet, read as importing it would give; Apply imports it.</summary>
    public bool NotImported
    {
        get { lock (_gate) return _notImported; }
        init => _notImported = value;
    }

    private bool _notImported;
    public IReadOnlyList<EditorField> Fields { get; }
    public PlanPreview PreviewModel { get; }
    public IPreviewModel Preview => PreviewModel;

    public IReadOnlyList<FieldMessage> Messages
    {
        get { lock (_gate) return _messages; }
    }

    public bool IsValid => Messages.All(m => m.Severity != MessageSeverity.Error);

    public bool IsDirty
    {
        get { lock (_gate) return _dirty; }
    }

    /// <summary>The snapshot the preview reads from (tests look at how often the disk was read).</summary>
    public DiskSnapshot Snapshot
    {
        get { lock (_gate) return _snapshot; }
    }

    /// <summary>True while a password or PIN typed here is held in memory (until Apply or Revert).</summary>
    public bool HoldsSecrets
    {
        get { lock (_gate) return !_draft.Secrets.IsEmpty; }
    }

    public event EventHandler? Changed;

    public string GetValue(string key)
    {
        lock (_gate)
        {
            if (_typed.TryGetValue(key, out var typed)) return typed;
            if (!_fieldsByKey.TryGetValue(key, out var field)) return "";
            var value = field.Get(_draft) ?? "";
            return field.Type == FieldType.Flag ? (value == "yes" ? "true" : "false") : value;
        }
    }

    public void SetValue(string key, string value)
    {
        lock (_gate)
        {
            if (!_fieldsByKey.TryGetValue(key, out var field)) throw new ArgumentException($"'{key}' is not a field of this form", nameof(key));
            var problem = field.Set(_draft, value);
            if (problem is null) _refused.Remove(key);
            else _refused[key] = problem;
            // Keep the text as typed for text-like fields: the control shows it back while it is edited.
            if (field.Type is FieldType.Flag or FieldType.Choice) _typed.Remove(key);
            else _typed[key] = value;
            Recompute();
        }
        Changed?.Invoke(this, EventArgs.Empty);
    }

    public void Revert()
    {
        lock (_gate)
        {
            _draft.Secrets.Clear();
            _draft = new ProfileDraft(_loaded.Clone());
            _typed.Clear();
            _refused.Clear();
            Recompute();
        }
        Changed?.Invoke(this, EventArgs.Empty);
    }

    public async Task<ActionResult> ApplyAsync(bool overwriteChangedFiles, CancellationToken cancellationToken)
    {
        var what = Msg.F("Apply {0}", ProfileName);
        Profile profile;
        ProfileSecrets secrets;
        DiskSnapshot snapshot;
        lock (_gate)
        {
            if (_refused.Count > 0)
                return ActionResult.Fail(new UserError(what, string.Join("; ", _refused.Select(r => $"{r.Key}: {r.Value}")),
                    Msg.T("Correct the fields marked in the editor.")));
            profile = _draft.Profile.Clone();
            secrets = new ProfileSecrets { Password = _draft.Secrets.Password, Pin = _draft.Secrets.Pin, Psk = _draft.Secrets.Psk };
            snapshot = _snapshot;
        }

        ApplyResult result;
        try
        {
            result = await Task.Run(() => _service.Apply(profile, secrets.IsEmpty ? null : secrets, overwriteChangedFiles, snapshot.Read),
                cancellationToken).ConfigureAwait(false);
        }
        catch (FileChangedOnDiskException changed)
        {
            return ActionResult.Conflicted(Msg.F("{0} changed on disk since it was read; nothing was written.", changed.Path), [changed.Path]);
        }
        catch (ProfileInvalidException invalid)
        {
            return ActionResult.Fail(new UserError(what, string.Join("; ", invalid.Errors.Select(e => e.ToString())), invalid.Fix));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ActionResult.Fail(ErrorLog.Describe(e, what));
        }
        finally
        {
            secrets.Clear();
        }

        lock (_gate)
        {
            // The secrets are in their 0600 files now; nothing keeps them in memory any longer.
            _draft.Secrets.Clear();
            _typed.Remove("password");
            _typed.Remove("pin");
            _loaded = profile.Clone();
            _loadedToml = ProfileToml.Write(_loaded);
            IsNew = false;
            _notImported = false;
            _passwordOnDisk = PasswordOnDisk(_loaded);
            _snapshot = new DiskSnapshot();
            Recompute();
        }
        Changed?.Invoke(this, EventArgs.Empty);
        _applied?.Invoke(this);
        var written = result.Files.Where(f => f.Written).Select(f => f.SystemPath).ToList();
        return ActionResult.Ok(written.Count == 0
            ? Msg.F("{0}: saved; its files already said this", ProfileName)
            : Msg.F("Applied {0}: wrote {1}", ProfileName, string.Join(", ", written)));
    }

    /// <summary>Validates, re-plans and refreshes the preview; called under the lock after every change.</summary>
    private void Recompute()
    {
        var messages = new List<FieldMessage>();
        foreach (var (key, problem) in _refused) messages.Add(new FieldMessage(key, problem));
        foreach (var error in ProfileValidator.Validate(_draft.Profile, _draft.Secrets))
        {
            if (_refused.ContainsKey(error.Field)) continue;
            // Errors on things the form does not show (extra options, the plugin) go on top, named.
            var text = _fieldsByKey.ContainsKey(error.Field) ? error.Message : $"{error.Field}: {error.Message}";
            messages.Add(new FieldMessage(error.Field, text));
        }
        if (_passwordOnDisk is not null && _fieldsByKey.ContainsKey("password") && !_refused.ContainsKey("password") &&
            string.IsNullOrEmpty(_draft.Secrets.Password) && _draft.Profile.Ppp.User == _loaded.Ppp.User)
            messages.Add(new FieldMessage("password", _passwordOnDisk, MessageSeverity.Info));
        var plan = PreviewModel.Update(_draft.Profile, _draft.Secrets, _snapshot.Read, problem: null);
        if (plan is not null)
            foreach (var note in plan.Notes) messages.Add(new FieldMessage("", ForTheForm(note), MessageSeverity.Warning));
        _messages = messages;
        _dirty = _refused.Count > 0 || !_draft.Secrets.IsEmpty || ProfileToml.Write(_draft.Profile) != _loadedToml;
    }

    private string? PasswordOnDisk(Profile profile)
    {
        var (file, line) = _service.Importer.FindSecret(profile, out var unreadable);
        if (file is not null) return Msg.F("set in {0}:{1}", file, line);
        return unreadable is null ? null : Msg.F("may be set: {0} is readable by root only", unreadable);
    }

    // The core words its note for the command line; on this screen the password is a field.
    private static string ForTheForm(string note) => note.Replace(Msg.T("Set one with --password-stdin."), Msg.T("Type it in the Password field."));

    private static EditorField ToEditorField(ProfileField field) => new(
        field.Key,
        field.ShownLabel,
        field.Type switch
        {
            FieldType.Secret => FieldKind.Password,
            FieldType.Number => FieldKind.Integer,
            FieldType.Flag => FieldKind.Toggle,
            FieldType.Choice => FieldKind.Choice,
            _ => FieldKind.Text,
        },
        ProfileFields.SectionTitle(field.Section),
        field.Type == FieldType.Secret ? field.ShownHelp + Msg.T(" (empty keeps the one on disk)") : field.ShownHelp,
        field.Type == FieldType.Choice ? field.Choices : null);
}
