using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Views;

namespace PppTui.Tests.Tui;

public class EditorTests
{
    private static void Replace(ScreenHost h, string field, string text)
    {
        var control = h.Screen.Editor.ControlFor(field)!;
        control.SetFocus();
        h.Press(Key.End);
        var current = ((TextField)control).Text ?? "";
        for (int i = 0; i < current.Length; i++) h.App.InjectKey(Key.Backspace);
        h.Type(text);
    }

    private static FakeEditorModel EditorOf(ScreenHost h) => (FakeEditorModel)h.Screen.Editor.Editor!;

    [Fact]
    public void A_profile_name_with_an_underscore_shows_whole_in_the_editor_title_and_the_list()
    {
        using var h = ScreenHost.Start(seed: s => s.Profiles.Items.Add(new("a_tw", "pptp", LinkPhase.Down)));
        h.Advance(TimeSpan.FromMilliseconds(100));
        h.Draw();

        Assert.Equal("a_tw", h.Screen.Editor.Editor!.ProfileName);
        Assert.Contains("Editor · a_tw", h.Text);
        Assert.Contains(h.Rows, r => r.Contains("a_tw "));
        Assert.DoesNotContain("atw", h.Text);
    }

    [Fact]
    public void The_form_is_built_from_the_kind_fields_and_the_password_is_masked()
    {
        using var h = ScreenHost.Start(120, 40);
        var text = h.Text;
        foreach (var label in new[] { "Server", "User", "Password", "MTU", "Persist", "MPPE" }) Assert.Contains(label, text);
        Assert.Contains("vpn.example.com", text);
        Assert.DoesNotContain("s3cret!", text);
        Assert.True(((TextField)h.Screen.Editor.ControlFor("password")!).Secret);
        Assert.IsType<CheckBox>(h.Screen.Editor.ControlFor("persist"));
        Assert.IsType<OptionSelector>(h.Screen.Editor.ControlFor("mppe"));
    }

    [Fact]
    public void A_bad_value_shows_its_message_beside_the_field_and_turns_Apply_off()
    {
        using var h = ScreenHost.Start(120, 40);
        h.Press(Key.D2.WithAlt);
        h.Press(Key.F11); // a full-width editor has room beside the fields
        Replace(h, "mtu", "99999");
        var row = h.Rows.First(r => r.Contains("MTU "));
        Assert.Contains("99999", row);
        Assert.Contains("outside 576..1500", row);
        Assert.False(h.Screen.Editor.ApplyButton.Enabled);
        Assert.Contains("F2 Apply (off)", h.Screen.StatusBarItems);

        h.Press(Key.Esc);
        var narrowRows = h.Rows;
        int mtuRow = Array.FindIndex(narrowRows, r => r.Contains("MTU "));
        Assert.Contains("outside 576..1500", narrowRows[mtuRow + 1]);

        h.Press(Key.F2);
        Assert.Empty(EditorOf(h).Applies);
        Assert.Equal("Apply: fix the messages in the editor first", h.Screen.MessageText);
    }

    // 160x48: the editor has room beside its fields (about 25 columns), too little for this message;
    // 100x30 puts list, editor and preview across: the editor is about 36 columns, no room beside.
    [Theory]
    [InlineData("A message too long for the room beside its field goes whole under it, not cut over narrow rows",
        160, 48, "password", "Password ", "Give the password (stored only in chap-secrets).")]
    [InlineData("On a narrow editor the message goes under the field", 100, 30, "server", "Server", "Give the VPN")]
    public void An_editor_message_that_does_not_fit_beside_its_field_goes_under_it(
        string sentence, int cols, int rows, string field, string label, string message)
    {
        using var h = ScreenHost.Start(cols, rows);
        Replace(h, field, "");

        var screen = h.Rows;
        int fieldRow = Array.FindIndex(screen, r => r.Contains(label));
        Assert.Equal((sentence, false), (sentence, screen[fieldRow].Contains(message[..8])));
        Assert.Equal((sentence, true), (sentence, screen[fieldRow + 1].Contains(message)));
    }

    [Fact]
    public void Typing_updates_the_preview_at_once()
    {
        using var h = ScreenHost.Start(120, 40);
        Replace(h, "mtu", "1300");
        Assert.Contains("mtu 1300", h.Screen.Preview.Lines.Texts);
        Assert.Contains("mtu 1300", h.Text);
        Assert.Contains("(modified)", h.Text);
    }

    [Fact]
    public void Apply_runs_while_valid_and_changed_and_reports_the_result()
    {
        using var h = ScreenHost.Start(120, 40);
        Assert.False(h.Screen.Editor.ApplyButton.Enabled); // nothing changed yet
        Replace(h, "mtu", "1300");
        Assert.True(h.Screen.Editor.ApplyButton.Enabled);
        h.Press(Key.F2);
        Wait.Until(h, () => h.Screen.MessageText.StartsWith("Wrote"));
        Assert.Equal([false], EditorOf(h).Applies);
    }

    [Fact]
    public void A_file_changed_on_disk_is_overwritten_only_after_the_user_agrees()
    {
        using var h = ScreenHost.Start(120, 40);
        Replace(h, "mtu", "1300");
        EditorOf(h).ApplyResult = overwrite => overwrite
            ? ActionResult.Ok("Wrote office-vpn")
            : ActionResult.Conflicted("chap-secrets changed on disk", ["/etc/ppp/chap-secrets"]);
        h.Dialogs.ConfirmAnswers.Enqueue(false);
        h.Press(Key.F2);
        Wait.Until(h, () => h.Dialogs.Confirms.Count == 1);
        Assert.Equal([false], EditorOf(h).Applies);
        Assert.Contains("/etc/ppp/chap-secrets", h.Dialogs.Confirms[0].Message);
        Assert.Equal("Nothing written: the files on disk were kept.", h.Screen.MessageText);

        h.Dialogs.ConfirmAnswers.Enqueue(true);
        h.Press(Key.F2);
        Wait.Until(h, () => EditorOf(h).Applies.Count == 3);
        Assert.Equal([false, false, true], EditorOf(h).Applies);
    }

    [Fact]
    public void Without_root_Apply_is_off_and_says_how_to_get_root()
    {
        var access = AccessMode.Detect(isPrivileged: false, isSystemRoot: true, root: "/");
        using var h = ScreenHost.Start(120, 40, access);
        Assert.Contains("READ-ONLY (not root)", h.Rows[1]);
        Replace(h, "mtu", "1300");
        Assert.False(h.Screen.Editor.ApplyButton.Enabled);
        h.Press(Key.F2);
        Assert.Contains("sudo ppptui", h.Screen.MessageText);
        Assert.Empty(EditorOf(h).Applies);
    }

    [Fact]
    public void F3_shows_the_diff_and_F4_the_effective_options_with_their_sources()
    {
        using var h = ScreenHost.Start(120, 40);
        h.Press(Key.F3);
        Assert.Equal(PreviewMode.Diff, h.Screen.Preview.Mode);
        var texts = h.Screen.Preview.Lines.Texts.ToList();
        Assert.Contains("-mtu 1500", texts);
        Assert.Contains("+mtu 1400", texts);

        h.Press(Key.F4);
        Assert.Equal(PreviewMode.Effective, h.Screen.Preview.Mode);
        Assert.Contains(h.Screen.Preview.Lines.Texts, l => l.Contains("/etc/ppp/options:4") && l.Contains("(overridden)"));
        h.Press(Key.F4);
        Assert.Equal(PreviewMode.Diff, h.Screen.Preview.Mode);
    }

    [Fact]
    public void The_preview_never_shows_the_password()
    {
        using var h = ScreenHost.Start(120, 40);
        Replace(h, "password", "n3w-pass");
        Assert.DoesNotContain(h.Screen.Preview.Lines.Texts, l => l.Contains("n3w-pass"));
        Assert.DoesNotContain("n3w-pass", h.Text);
        Assert.Contains("password=n3w-pass", EditorOf(h).Sets);
    }

    [Fact]
    public void Revert_asks_first_and_then_restores_the_loaded_values()
    {
        using var h = ScreenHost.Start(120, 40);
        Replace(h, "mtu", "1300");
        h.Press(Key.R.WithAlt);
        Assert.True(EditorOf(h).IsDirty); // declined
        h.Dialogs.ConfirmAnswers.Enqueue(true);
        h.Press(Key.R.WithAlt);
        Assert.False(EditorOf(h).IsDirty);
        Assert.Equal("1400", ((TextField)h.Screen.Editor.ControlFor("mtu")!).Text);
    }

    [Fact]
    public void Edits_are_kept_when_the_selection_moves_and_Enter_asks_before_dropping_them()
    {
        using var h = ScreenHost.Start(120, 40);
        Replace(h, "mtu", "1300");
        h.Press(Key.D1.WithAlt);
        h.Press(Key.CursorDown);
        Assert.Equal("office-vpn", h.Screen.Editor.Editor!.ProfileName);
        Assert.Contains("Still editing office-vpn", h.Screen.MessageText);

        h.Press(Key.Enter);
        Assert.Single(h.Dialogs.Confirms);
        Assert.Equal("office-vpn", h.Screen.Editor.Editor!.ProfileName);

        h.Dialogs.ConfirmAnswers.Enqueue(true);
        h.Press(Key.Enter);
        Assert.Equal("dsl", h.Screen.Editor.Editor!.ProfileName);
        Assert.Equal(PppTui.Tui.Layout.PaneId.Editor, h.Screen.FocusedPane());
    }

    [Fact]
    public void New_asks_for_kind_and_name_and_opens_an_unsaved_profile()
    {
        using var h = ScreenHost.Start(120, 40);
        h.Dialogs.NewProfileAnswer = new("pptp", "branch");
        h.Press(Key.F7);
        Assert.Equal("branch", h.Screen.Editor.Editor!.ProfileName);
        Assert.True(h.Screen.Editor.Editor.IsNew);
        Assert.Contains("branch · pptp (new)", h.Text);
        Assert.Contains("Give the VPN server", h.Text);
    }

    [Fact]
    public void Profile_names_must_be_safe_file_names()
    {
        Assert.Null(PppTui.Tui.Dialogs.DialogFactory.NameProblem("office-vpn_2", []));
        Assert.NotNull(PppTui.Tui.Dialogs.DialogFactory.NameProblem("../etc", []));
        Assert.NotNull(PppTui.Tui.Dialogs.DialogFactory.NameProblem("a b", []));
        Assert.NotNull(PppTui.Tui.Dialogs.DialogFactory.NameProblem("", []));
        Assert.NotNull(PppTui.Tui.Dialogs.DialogFactory.NameProblem("dsl", ["dsl"]));
    }
}
