using CoreEffective = PppTui.Core.Profiles.EffectiveOptions;

namespace PppTui.Tui.Adapters;

/// <summary>
/// The preview of an edit: the change plan the core renders (secrets already masked by the plan),
/// its diffs against the snapshot the editor read, and the effective options as pppd will see them
/// once the plan is written. The effective options are worked out only when the view asks for them.
/// </summary>
public sealed class PlanPreview : IPreviewModel
{
    private readonly ProfileService _service;
    private readonly Lock _gate = new();
    private IReadOnlyList<PreviewFile> _files = [];
    private IReadOnlyList<string> _notes = [];
    private string? _problem;
    private Func<IReadOnlyList<EffectiveOption>>? _effectiveSource;
    private IReadOnlyList<EffectiveOption>? _effective;

    public PlanPreview(ProfileService service) => _service = service;

    /// <summary>How many plans were rendered (one per change; tests check the preview stays that cheap).</summary>
    public int Renders { get; private set; }

    public IReadOnlyList<PreviewFile> Files
    {
        get { lock (_gate) return _files; }
    }

    public IReadOnlyList<string> Notes
    {
        get { lock (_gate) return _notes; }
    }

    public string? Problem
    {
        get { lock (_gate) return _problem; }
    }

    public IReadOnlyList<EffectiveOption> EffectiveOptions
    {
        get
        {
            Func<IReadOnlyList<EffectiveOption>>? source;
            lock (_gate)
            {
                if (_effective is not null) return _effective;
                source = _effectiveSource;
            }
            if (source is null) return [];
            var computed = source();
            lock (_gate)
            {
                if (ReferenceEquals(source, _effectiveSource)) _effective = computed;
            }
            return computed;
        }
    }

    public event EventHandler? Changed;

    /// <summary>Renders the plan for a draft; returns it, or null when it cannot be rendered (the problem says why).</summary>
    public ChangePlan? Update(Profile profile, ProfileSecrets secrets, Func<string, string?> readDisk, string? problem)
    {
        ChangePlan? plan = null;
        string? failure = problem;
        try
        {
            plan = _service.Preview(profile, secrets, readDisk);
        }
        catch (Exception e)
        {
            failure = ErrorLog.Describe(e, "Preview").Cause;
        }
        Renders++;

        var files = plan?.Files.Select(ToPreviewFile).ToList() ?? [];
        var name = profile.Name;
        var device = KindRegistry.Get(profile.Kind).Device(profile);
        Func<IReadOnlyList<EffectiveOption>>? effective = plan is null ? null : () => Effective(plan, name, device, readDisk);
        lock (_gate)
        {
            _files = files;
            _notes = plan?.Notes ?? [];
            _problem = failure;
            _effectiveSource = effective;
            _effective = null;
        }
        Changed?.Invoke(this, EventArgs.Empty);
        return plan;
    }

    private IReadOnlyList<EffectiveOption> Effective(ChangePlan plan, string name, string? device, Func<string, string?> readDisk)
    {
        // Files the plan writes are read as the plan will leave them; everything else from the snapshot.
        var planned = plan.Files.ToDictionary(f => f.FullPath, f => f.NewText, StringComparer.Ordinal);
        try
        {
            return CoreEffective.For(_service.Paths, name, device, path => planned.TryGetValue(path, out var text) ? text : readDisk(path))
                .ToList();
        }
        catch (Exception e)
        {
            return [new EffectiveOption("(cannot tell)", ErrorLog.Describe(e, Msg.T("Effective options")).Cause, "", 0)];
        }
    }

    /// <summary>Shown in a diff whose only change is a secret: masked on both sides, it would look like no change at all.</summary>
    public const string SecretOnlyChange = "(a secret changes here; secrets are never shown)";

    private static PreviewFile ToPreviewFile(PlannedFile file)
    {
        IReadOnlyList<DiffLine> diff = [];
        if (file.Changes)
        {
            diff = ParseDiff(file.Diff());
            if (!diff.Any(d => d.Kind is DiffKind.Added or DiffKind.Removed)) diff = [new DiffLine(DiffKind.Hunk, Msg.T(SecretOnlyChange))];
        }
        return new PreviewFile(
            file.SystemPath,
            file.IsNew ? FileChange.Create : file.Changes ? FileChange.Modify : FileChange.Unchanged,
            file.PreviewText,
            diff,
            ChangedOnDisk: file.ChangedOnDiskSince is not null);
    }

    /// <summary>A unified diff (already masked) as the pane's lines; the file headers are left out, the hunks kept.</summary>
    public static IReadOnlyList<DiffLine> ParseDiff(string unified)
    {
        var lines = new List<DiffLine>();
        bool inHunk = false;
        foreach (var raw in unified.Replace("\r\n", "\n").Split('\n'))
        {
            // "--- a/x" and "+++ b/x" head each file; inside a hunk the same marks are lines.
            if (!inHunk && (raw.StartsWith("+++ ", StringComparison.Ordinal) || raw.StartsWith("--- ", StringComparison.Ordinal))) continue;
            if (raw.StartsWith("\\ ", StringComparison.Ordinal)) continue;
            if (raw.StartsWith("@@", StringComparison.Ordinal))
            {
                inHunk = true;
                lines.Add(new DiffLine(DiffKind.Hunk, raw));
            }
            else if (raw.StartsWith('+')) lines.Add(new DiffLine(DiffKind.Added, raw[1..]));
            else if (raw.StartsWith('-')) lines.Add(new DiffLine(DiffKind.Removed, raw[1..]));
            else if (raw.StartsWith(' ')) lines.Add(new DiffLine(DiffKind.Context, raw[1..]));
            else if (raw.Length > 0) lines.Add(new DiffLine(DiffKind.Context, raw));
        }
        return lines;
    }
}
