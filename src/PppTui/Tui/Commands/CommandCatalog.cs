namespace PppTui.Tui.Commands;

/// <summary>Every command of the screen, gathered from the areas that declare them.</summary>
public static class CommandCatalog
{
    public static IReadOnlyList<ScreenCommand> All { get; } =
    [
        .. GeneralCommands.All,
        .. ViewCommands.All,
        .. ProfileCommands.All,
        .. LinkCommands.All,
        .. ProbeCommands.All,
        .. ServiceCommands.All,
        .. BundleCommands.All,
        .. LogCommands.All,
    ];

    private static readonly Dictionary<AppCommand, ScreenCommand> ById = All.ToDictionary(c => c.Id);

    public static ScreenCommand Of(AppCommand id) => ById[id];
}
