namespace PppTui.Tui.Commands;

/// <summary>
/// Keeps the editor and the preview on the selected profile: opens its editor when the selection
/// moves, keeps a dirty editor put so moving through the list never drops edits, and points the
/// log's "link only" at the selection.
/// </summary>
public sealed class EditorSession(MainScreen screen, ScreenModels models, ScreenContext context)
{
    private string? _lastSelected;

    /// <summary>
    /// False until the first frame is drawn: opening an editor reads the profile and the files it
    /// renders, which the first frame does without.
    /// </summary>
    public bool OpensEditors { get; set; }

    /// <summary>For the list's selection event: a list refresh (a link's badge changed) re-raises the selection; only a new name means a new profile.</summary>
    public void OnListSelectionChanged()
    {
        if (screen.Profiles.Selected?.Name != _lastSelected) SelectionChanged();
    }

    public void SelectionChanged()
    {
        var selected = screen.Profiles.Selected;
        _lastSelected = selected?.Name;
        ApplyLogScope();
        if (!OpensEditors)
        {
            if (selected is not null) screen.Editor.ShowOpening(selected.Name);
        }
        else if (screen.Editor.Editor is { IsDirty: true } dirty)
        {
            if (selected is not null && selected.Name != dirty.ProfileName)
                screen.ShowNotice(Msg.F("Still editing {0}: Apply (F2) or Revert (Alt+R) to switch.", dirty.ProfileName), Tone.Warning);
        }
        else Open(selected);
        screen.RefreshCommands();
    }

    /// <summary>Shows the profile's editor (a profile that does not open shows why, and goes to the error log).</summary>
    public void Open(ProfileSummary? profile)
    {
        if (profile is null)
        {
            Show(null, null);
            return;
        }
        if (screen.Editor.Editor is { } current && current.ProfileName == profile.Name && !current.IsNew) return;
        try
        {
            Show(models.Profiles.OpenEditor(profile.Name), null);
        }
        catch (Exception e)
        {
            var error = context.Errors.Report(e, Msg.F("Open {0}", profile.Name));
            Show(null, Msg.F("Cannot open {0}: {1}\n\nFix: {2}", profile.Name, error.Cause, error.Fix));
        }
    }

    public void Show(IEditorModel? editor, string? emptyText)
    {
        screen.Editor.Show(editor, emptyText);
        screen.Preview.Show(editor?.Preview);
    }

    /// <summary>The log pane follows the selected profile while "link only" is on.</summary>
    public void ApplyLogScope() => models.Log.Link = screen.Log.LinkOnly ? screen.Profiles.Selected?.Name : null;
}
