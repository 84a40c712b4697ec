using Terminal.Gui.Input;

namespace PppTui.Tui.Commands;

/// <summary>Profile commands: new, edit, apply, revert, delete. Each disabled reason sits right above its handler.</summary>
public static class ProfileCommands
{
    public static IReadOnlyList<ScreenCommand> All { get; } =
    [
        new(NewDisabledReason, host => New(host),
            new KeyEntry(AppCommand.NewProfile, [Key.F7, Key.N.WithAlt], "New", "Create a profile of a chosen kind", Menu: KeyTable.FileMenu),
            new KeyEntry(AppCommand.NewProfile, [Key.InsertChar], "New", "Create a profile of a chosen kind", KeyScope.Profiles)),
        new(ScreenCommand.AlwaysAvailable, EditSelected,
            new KeyEntry(AppCommand.GoEditor, [Key.D2.WithAlt], "Editor", "Go to the editor", Menu: KeyTable.ViewMenu),
            new KeyEntry(AppCommand.GoEditor, [Key.Enter], "Edit", "Edit the selected profile", KeyScope.Profiles, OnStatusBar: true)),
        new(ApplyDisabledReason, host => Apply(host, overwrite: false),
            new KeyEntry(AppCommand.Apply, [Key.F2, Key.S.WithCtrl], "Apply", "Write the previewed files (asks before overwriting a file changed on disk)", Menu: KeyTable.FileMenu, OnStatusBar: true)),
        new(RevertDisabledReason, Revert,
            new KeyEntry(AppCommand.Revert, [Key.R.WithAlt], "Revert", "Drop the edits and reload the profile (asks first)", KeyScope.Editor, Menu: KeyTable.FileMenu, OnStatusBar: true)),
        new(ImportAllDisabledReason, ImportAll,
            new KeyEntry(AppCommand.ImportAll, [], "Import all", "Import every peers file not imported yet as a profile (the files stay as they are)", Menu: KeyTable.FileMenu)),
        new(DeleteDisabledReason, Delete,
            new KeyEntry(AppCommand.DeleteProfile, [Key.Delete], "Delete", "Delete the selected profile (asks first)", KeyScope.Profiles, Menu: KeyTable.FileMenu, OnStatusBar: true)),
    ];

    private static string? NewDisabledReason(CommandHost host) =>
        host.Models.Profiles.Kinds.Count == 0 ? Msg.T("no connection kinds are available") : null;

    /// <summary>New profile of one kind (the File menu's per-kind items).</summary>
    public static void NewOfKind(CommandHost host, string kindId) =>
        host.RunIfAllowed(Msg.T("New"), Msg.F("New {0} profile", kindId), NewDisabledReason(host), () => New(host, kindId));

    private static void New(CommandHost host, string? kindId = null)
    {
        if (host.Editor is { IsDirty: true } dirty &&
            !host.Dialogs.Confirm(Msg.T("Discard edits"), Msg.F("{0} has edits that were not applied. Drop them and start a new profile?", dirty.ProfileName), Msg.T("Discard")))
            return;
        var profiles = host.Models.Profiles;
        var existing = profiles.Profiles.Select(p => p.Name).ToHashSet();
        var request = host.Dialogs.AskNewProfile(profiles.Kinds, existing, kindId);
        if (request is null) return;
        var editor = profiles.CreateNew(request.KindId, request.Name);
        host.Session.Show(editor, null);
        FocusFirstField(host);
        var title = profiles.Kinds.FirstOrDefault(k => k.Id == request.KindId)?.Title ?? request.KindId;
        host.Notice(Msg.F("New {0} profile {1}: fill in the form, then Apply (F2).", title, request.Name), Tone.Muted);
    }

    private static void EditSelected(CommandHost host)
    {
        var selected = host.Selected;
        if (selected is not null && host.Editor is { IsDirty: true } dirty && dirty.ProfileName != selected.Name)
        {
            if (!host.Dialogs.Confirm(Msg.T("Discard edits"), Msg.F("{0} has edits that were not applied. Drop them and edit {1}?", dirty.ProfileName, selected.Name), Msg.T("Discard")))
                return;
            dirty.Revert();
            host.Session.Open(selected);
        }
        FocusFirstField(host);
    }

    private static void FocusFirstField(CommandHost host)
    {
        host.Screen.GoTo(PaneId.Editor);
        var editor = host.Screen.Editor;
        editor.ControlFor(editor.Editor?.Fields.FirstOrDefault()?.Key ?? "")?.SetFocus();
    }

    private static string? ApplyDisabledReason(CommandHost host)
    {
        var editor = host.Editor;
        if (editor is null) return Msg.T("select a profile first");
        if (!host.Access.CanWriteFiles) return host.Access.NeedsRootReason;
        if (host.Busy.IsBusy("apply:" + editor.ProfileName)) return Msg.T("already writing");
        if (!editor.IsValid) return Msg.T("fix the messages in the editor first");
        if (!editor.IsDirty && !editor.IsNew) return Msg.T("nothing changed");
        return null;
    }

    private static void Apply(CommandHost host, bool overwrite)
    {
        var editor = host.Editor!;
        host.RunAction("apply:" + editor.ProfileName, Msg.F("Writing {0}…", editor.ProfileName), Msg.F("Apply {0}", editor.ProfileName),
            ct => editor.ApplyAsync(overwrite, ct),
            result =>
            {
                if (result.Status == ActionStatus.Done)
                {
                    // A new profile is in the list now: select it, so Connect works on it.
                    var list = host.Screen.Profiles;
                    list.Refresh();
                    if (list.Selected?.Name != editor.ProfileName) list.Select(editor.ProfileName);
                    return;
                }
                if (result.Status != ActionStatus.Conflict) return;
                var files = string.Join("\n", result.ConflictingFiles ?? []);
                if (host.Dialogs.Confirm(Msg.T("Files changed on disk"),
                        Msg.F("These files changed on disk since they were read:\n{0}\n\nOverwrite them with the previewed text? (A backup is kept.)", files), Msg.T("Overwrite")))
                    Apply(host, overwrite: true);
                else host.Notice(Msg.T("Nothing written: the files on disk were kept."), Tone.Warning);
            });
    }

    private static string? RevertDisabledReason(CommandHost host)
    {
        if (host.Editor is not { } editor) return Msg.T("select a profile first");
        return editor.IsDirty ? null : Msg.T("nothing changed");
    }

    private static void Revert(CommandHost host)
    {
        var editor = host.Editor!;
        if (!host.Dialogs.Confirm(Msg.T("Revert"), Msg.F("Drop every edit to {0} since it was loaded?", editor.ProfileName), Msg.T("Revert"))) return;
        editor.Revert();
        if (editor.IsNew) host.Session.Show(null, null);
        host.Notice(Msg.F("Reverted {0}.", editor.ProfileName), Tone.Muted);
        host.Session.SelectionChanged();
    }

    private static string? ImportAllDisabledReason(CommandHost host)
    {
        if (!host.Models.Profiles.Profiles.Any(p => p.NotImported)) return Msg.T("every peers file is already a profile");
        if (!host.Access.CanWriteFiles) return host.Access.NeedsRootReason;
        return host.Busy.IsBusy("import") ? Msg.T("already importing") : null;
    }

    private static void ImportAll(CommandHost host) =>
        host.RunAction("import", Msg.T("Importing the peers files…"), Msg.T("Import the peers files"), host.Models.Profiles.ImportAllAsync, _ =>
        {
            // The open editor may show one of them read as it was: reopen it as the profile it now is.
            if (host.Editor is { NotImported: true, IsDirty: false }) host.Session.Show(null, null);
            host.Session.SelectionChanged();
        });

    private static string? DeleteDisabledReason(CommandHost host)
    {
        if (host.Selected is not { } selected) return Msg.T("select a profile first");
        if (selected.NotImported) return Msg.T("not a profile: ppptui deletes only the peers files it manages");
        if (!host.Access.CanWriteFiles) return host.Access.NeedsRootReason;
        if (selected.State is LinkPhase.Up or LinkPhase.Connecting) return Msg.T("disconnect it first");
        return host.Busy.IsBusy("delete:" + selected.Name) ? Msg.T("already deleting") : null;
    }

    private static void Delete(CommandHost host)
    {
        var name = host.Selected!.Name;
        if (!host.Dialogs.Confirm(Msg.T("Delete profile"), Msg.F("Delete {0}? Its peers file and its secrets line are removed (backups are kept).", name), Msg.T("Delete"))) return;
        host.RunAction("delete:" + name, Msg.F("Deleting {0}…", name), Msg.F("Delete {0}", name), ct => host.Models.Profiles.DeleteAsync(name, ct), result =>
        {
            if (result.Status == ActionStatus.Done && host.Editor?.ProfileName == name) host.Session.Show(null, null);
        });
    }
}
