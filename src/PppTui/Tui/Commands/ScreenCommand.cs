namespace PppTui.Tui.Commands;

/// <summary>
/// One command of the screen, declared once: its key bindings (keys, where they work, label, help
/// text, menu place), the reason it cannot run right now, and what it does. The dispatcher, the
/// status bar, the menus, the help screen and the README's key table all read these.
/// </summary>
public sealed class ScreenCommand
{
    /// <param name="disabledReason">Why the command cannot run now, or null when it can.</param>
    /// <param name="run">What the command does; runs only while <paramref name="disabledReason"/> says null.</param>
    /// <param name="bindings">Where the command is offered; every binding names this command.</param>
    public ScreenCommand(Func<CommandHost, string?> disabledReason, Action<CommandHost> run, params KeyEntry[] bindings)
    {
        if (bindings.Length == 0 || bindings.Any(b => b.Command != bindings[0].Command))
            throw new ArgumentException("A command needs at least one binding, all naming the same command.", nameof(bindings));
        Id = bindings[0].Command;
        Bindings = bindings;
        DisabledReason = disabledReason;
        Run = run;
    }

    public AppCommand Id { get; }
    public IReadOnlyList<KeyEntry> Bindings { get; }
    public Func<CommandHost, string?> DisabledReason { get; }
    public Action<CommandHost> Run { get; }

    /// <summary>What the status bar and the messages call the command.</summary>
    public string Label => Bindings[0].Label;

    /// <summary>A key Terminal.Gui handles itself (focus moves, the menu): listed so the help is complete, never dispatched.</summary>
    public static ScreenCommand Native(KeyEntry binding) => new(AlwaysAvailable, _ => { }, binding with { Native = true });

    /// <summary>The disabled reason of a command that can always run.</summary>
    public static string? AlwaysAvailable(CommandHost host) => null;
}
