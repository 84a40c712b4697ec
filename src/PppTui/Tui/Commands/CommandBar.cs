using Terminal.Gui.Views;

namespace PppTui.Tui.Commands;

/// <summary>
/// The status bar: the focused pane's keys first, then the global ones by priority, as many as
/// fit; a command that cannot run now is shown greyed out. The dispatcher owns the keys: the bar
/// only shows them (and takes clicks).
/// </summary>
public sealed class CommandBar : StatusBar
{
    private string _shown = "";

    /// <summary>Shows the entries for <paramref name="scope"/>; rebuilds only when the entries or their states changed.</summary>
    public void Show(KeyScope scope, int width, Func<AppCommand, string?> disabledReason, Action<AppCommand> invoke)
    {
        var entries = KeyTable.StatusBarEntries(scope, width);
        var enabled = entries.Select(e => disabledReason(e.Command) is null).ToList();
        var shown = scope + ":" + entries.Count + ":" + string.Join("", enabled.Select(on => on ? '1' : '0'));
        if (shown == _shown) return;
        _shown = shown;
        foreach (var old in SubViews.ToList())
        {
            Remove(old);
            old.Dispose();
        }
        for (int i = 0; i < entries.Count; i++)
        {
            var command = entries[i].Command;
            Add(new Shortcut(entries[i].Keys[0], entries[i].ShownLabel, () => invoke(command), "")
            {
                Enabled = enabled[i],
                BindKeyToApplication = false,
            });
        }
    }

    /// <summary>The entries as "Key Label", with " (off)" after a disabled one.</summary>
    public IReadOnlyList<string> Items =>
        SubViews.OfType<Shortcut>().Select(s => $"{KeyTable.Display(s.Key)} {s.Title}{(s.Enabled ? "" : " (off)")}").ToList();
}
