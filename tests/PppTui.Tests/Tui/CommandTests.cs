using PppTui.Tui.Commands;

namespace PppTui.Tests.Tui;

/// <summary>The screen's commands are data: one declaration per command, read by the dispatcher, the status bar, the menus and the help.</summary>
public class CommandTests
{
    [Fact]
    public void Every_command_is_declared_once_with_help_text_a_disabled_reason_and_a_handler()
    {
        foreach (var id in Enum.GetValues<AppCommand>())
        {
            var declared = Assert.Single(CommandCatalog.All, c => c.Id == id);
            Assert.NotNull(declared.DisabledReason);
            Assert.NotNull(declared.Run);
            Assert.NotEmpty(declared.Bindings);
            Assert.All(declared.Bindings, b =>
            {
                Assert.Equal(id, b.Command);
                Assert.False(string.IsNullOrWhiteSpace(b.Label), $"{id} has no label");
                Assert.False(string.IsNullOrWhiteSpace(b.Description), $"{id} has no help text");
            });
        }
    }

    [Fact]
    public void Every_command_answers_whether_it_can_run_now()
    {
        using var h = ScreenHost.Start(80, 24);
        var answers = Enum.GetValues<AppCommand>().ToDictionary(id => id, id => h.Screen.Commands.DisabledReason(id));
        Assert.Null(answers[AppCommand.Help]);
        Assert.Null(answers[AppCommand.Quit]);
        Assert.Equal("nothing changed", answers[AppCommand.Apply]);
    }

    [Fact]
    public void The_key_table_is_the_bindings_the_commands_declare()
    {
        var declared = CommandCatalog.All.SelectMany(c => c.Bindings).ToHashSet();
        Assert.Equal(declared.Count, KeyTable.Entries.Count);
        Assert.All(KeyTable.Entries, e => Assert.Contains(e, declared));
    }

    [Fact]
    public void MainScreen_keeps_layout_and_wiring_only()
    {
        var lines = File.ReadAllLines(Path.Combine(Headless.RepositoryRoot(), "src", "PppTui", "Tui", "MainScreen.cs")).Length;
        Assert.True(lines < 250, $"MainScreen.cs has {lines} lines; commands belong in Tui/Commands/");
    }

    /// <summary>Ways to branch on a command: a switch statement or expression over it, or a case or arm naming one.</summary>
    private static readonly Regex SwitchOverCommands = new(
        @"case\s+(Keys\.)?AppCommand\.|(Keys\.)?AppCommand\.\w+\s*(=>|:)|switch\s*\(\s*[\w.]*(command|Command|Id)\s*\)|\b[\w.]*(command|Command|Id)\s+switch\b",
        RegexOptions.Compiled);

    [Fact]
    public void No_source_file_of_the_screen_switches_over_commands()
    {
        var tui = Path.Combine(Headless.RepositoryRoot(), "src", "PppTui", "Tui");
        var found = Directory.EnumerateFiles(tui, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(x => SwitchOverCommands.IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(tui, x.file)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.Empty(found);
    }

    [Theory]
    [InlineData("        switch (command)")]
    [InlineData("            case AppCommand.Apply:")]
    [InlineData("            case AppCommand.ToggleDiff:")]
    [InlineData("    var label = entry.Command switch")]
    [InlineData("        AppCommand.Quit => \"Quit\",")]
    public void The_switch_check_recognises_a_switch_over_commands(string line) =>
        Assert.Matches(SwitchOverCommands, line);

    [Theory]
    [InlineData("        return host.Models.Services.Presence switch")]
    [InlineData("    public static KeyScope ScopeOf(PaneId pane) => pane switch")]
    [InlineData("        new(ConnectDisabledReason, Connect,")]
    public void The_switch_check_leaves_other_switches_alone(string line) =>
        Assert.DoesNotMatch(SwitchOverCommands, line);
}
