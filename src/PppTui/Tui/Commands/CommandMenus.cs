using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace PppTui.Tui.Commands;

/// <summary>The menu bar, built from the commands' menu places.</summary>
public static class CommandMenus
{
    /// <summary>
    /// The menu bar with its titles only: the items (a view each, laid out when built) are added
    /// by <see cref="Fill"/> right after the first frame.
    /// </summary>
    public static MenuBar BuildBar()
    {
        var menus = KeyTable.Menus.Select(menu => new MenuBarItem(Msg.T(menu), (PopoverMenu?)null)).ToList();
        // Terminal.Gui opens the menu on F10 by default and binds the key when the bar is built;
        // F10 is Quit here (as in mc and htop), so build the bar with the table's menu key.
        var saved = MenuBar.DefaultKey;
        MenuBar.DefaultKey = CommandCatalog.Of(AppCommand.OpenMenu).Bindings[0].Keys[0];
        try { return new MenuBar(menus); }
        finally { MenuBar.DefaultKey = saved; }
    }

    /// <summary>Gives every menu of the bar its items and registers it with the app, as the bar does for menus it is built with.</summary>
    public static void Fill(MenuBar bar, CommandHost host, IApplication? app)
    {
        foreach (var menu in bar.SubViews.OfType<MenuBarItem>())
        {
            if (menu.PopoverMenu is not null) continue;
            menu.PopoverMenu = new PopoverMenu(Items(SourceName(menu.Title), host));
            app?.Popovers?.Register(menu.PopoverMenu);
        }
    }

    /// <summary>The table's (English) name of a menu whose title is shown translated.</summary>
    private static string SourceName(string title) => KeyTable.Menus.FirstOrDefault(m => Msg.T(m) == title) ?? title;

    private static List<MenuItem> Items(string menu, CommandHost host)
    {
        var items = KeyTable.MenuEntries(menu)
            .Select(e => new MenuItem(e.ShownLabel, "", () => host.Invoke(e.Command), e.Keys.Count > 0 ? e.Keys[0] : Key.Empty))
            .ToList();
        if (menu == KeyTable.FileMenu)
        {
            // Right after the general "New".
            int at = items.FindIndex(i => i.Title == Msg.T(CommandCatalog.Of(AppCommand.NewProfile).Label)) + 1;
            items.InsertRange(at, NewOfEachKind(host));
        }
        return items;
    }

    /// <summary>The File menu's "New" of each kind the registry offers.</summary>
    private static IEnumerable<MenuItem> NewOfEachKind(CommandHost host) =>
        host.Models.Profiles.Kinds.Select(k => new MenuItem(Msg.F("  New {0}…", k.Title), "", () => ProfileCommands.NewOfKind(host, k.Id), Key.Empty));
}
