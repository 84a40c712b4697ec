using PppTui.Tui.Keys;
using PppTui.Tui.Layout;
using PppTui.Tui.Models;
using PppTui.Tui.Themes;
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
        host.Models.Profiles.Kinds.Count == 0 ? "no connection kinds are available" : null;

    /// <summary>New profile of one kind (the File menu's per-kind items).</summary>
    public static void NewOfKind(CommandHost host, string kindId) =>
        host.RunIfAllowed("New", "New " + kindId + " profile", NewDisabledReason(host), () => New(host, kindId));

    private static void New(CommandHost host, string? kindId = null)
    {
        if (host.Editor is { IsDirty: true } dirty &&
            !host.Dialogs.Confirm("Discard edits", $"{dirty.ProfileName} has edits that were not applied. Drop them and start a new profile?", "Discard"))
            return;
        var profiles = host.Models.Profiles;
        var existing = profiles.Profiles.Select(p => p.Name).ToHashSet();
        var request = host.Dialogs.AskNewProfile(profiles.Kinds, existing, kindId);
        if (request is null) return;
        var editor = profiles.CreateNew(request.KindId, request.Name);
        host.Session.Show(editor, null);
        FocusFirstField(host);
        var title = profiles.Kinds.FirstOrDefault(k => k.Id == request.KindId)?.Title ?? request.KindId;
        host.Notice($"New {title} profile {request.Name}: fill in the form, then Apply (F2).", Tone.Muted);
    }

    private static void EditSelected(CommandHost host)
    {
        var selected = host.Selected;
        if (selected is not null && host.Editor is { IsDirty: true } dirty && dirty.ProfileName != selected.Name)
        {
            if (!host.Dialogs.Confirm("Discard edits", $"{dirty.ProfileName} has edits that were not applied. Drop them and edit {selected.Name}?", "Discard"))
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
        if (editor is null) return "select a profile first";
        if (!host.Access.CanWriteFiles) return host.Access.NeedsRootReason;
        if (host.Busy.IsBusy("apply:" + editor.ProfileName)) return "already writing";
        if (!editor.IsValid) return "fix the messages in the editor first";
        if (!editor.IsDirty && !editor.IsNew) return "nothing changed";
        return null;
    }

    private static void Apply(CommandHost host, bool overwrite)
    {
        var editor = host.Editor!;
        host.RunAction("apply:" + editor.ProfileName, $"Writing {editor.ProfileName}…", $"Apply {editor.ProfileName}",
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
                if (host.Dialogs.Confirm("Files changed on disk",
                        $"These files changed on disk since they were read:\n{files}\n\nOverwrite them with the previewed text? (A backup is kept.)", "Overwrite"))
                    Apply(host, overwrite: true);
                else host.Notice("Nothing written: the files on disk were kept.", Tone.Warning);
            });
    }

    private static string? RevertDisabledReason(CommandHost host)
    {
        if (host.Editor is not { } editor) return "select a profile first";
        return editor.IsDirty ? null : "nothing changed";
    }

    private static void Revert(CommandHost host)
    {
        var editor = host.Editor!;
        if (!host.Dialogs.Confirm("Revert", $"Drop every edit to {editor.ProfileName} since it was loaded?", "Revert")) return;
        editor.Revert();
        if (editor.IsNew) host.Session.Show(null, null);
        host.Notice("Reverted " + editor.ProfileName + ".", Tone.Muted);
        host.Session.SelectionChanged();
    }

    private static string? ImportAllDisabledReason(CommandHost host)
    {
        if (!host.Models.Profiles.Profiles.Any(p => p.NotImported)) return "every peers file is already a profile";
        if (!host.Access.CanWriteFiles) return host.Access.NeedsRootReason;
        return host.Busy.IsBusy("import") ? "already importing" : null;
    }

    private static void ImportAll(CommandHost host) =>
        host.RunAction("import", "Importing the peers files…", "Import the peers files", host.Models.Profiles.ImportAllAsync, _ =>
        {
            // The open editor may show one of them read as it was: reopen it as the profile it now is.
            if (host.Editor is { NotImported: true, IsDirty: false }) host.Session.Show(null, null);
            host.Session.SelectionChanged();
        });

    private static string? DeleteDisabledReason(CommandHost host)
    {
        if (host.Selected is not { } selected) return "select a profile first";
        if (selected.NotImported) return "not a profile: ppptui deletes only the peers files it manages";
        if (!host.Access.CanWriteFiles) return host.Access.NeedsRootReason;
        if (selected.State is LinkState.Up or LinkState.Connecting) return "disconnect it first";
        return host.Busy.IsBusy("delete:" + selected.Name) ? "already deleting" : null;
    }

    private static void Delete(CommandHost host)
    {
        var name = host.Selected!.Name;
        if (!host.Dialogs.Confirm("Delete profile", $"Delete {name}? Its peers file and its secrets line are removed (backups are kept).", "Delete")) return;
        host.RunAction("delete:" + name, $"Deleting {name}…", $"Delete {name}", ct => host.Models.Profiles.DeleteAsync(name, ct), result =>
        {
            if (result.Status == ActionStatus.Done && host.Editor?.ProfileName == name) host.Session.Show(null, null);
        });
    }
}
