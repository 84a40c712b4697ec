using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace PppTui.Tui.Dialogs;

/// <summary>The real dialogs: modal Terminal.Gui windows run on the UI thread.</summary>
public sealed class TuiDialogs(IApplication app, ErrorLog errors) : IDialogs
{
    public bool Confirm(string title, string message, string confirmLabel)
    {
        // Cancel first: a stray Enter on a destructive question does nothing.
        var answer = MessageBox.Query(app, title, message, "Cancel", confirmLabel);
        return answer == 1;
    }

    public void ShowHelp(IReadOnlyList<string> lines) => RunModal(DialogFactory.Help(lines, DialogTextWidth(90)));

    public void ShowErrors(IReadOnlyList<UserError> errorList) => RunModal(DialogFactory.Errors(errorList, DialogTextWidth(90)));

    public void ShowDoctor(string? profile, DoctorReport report) => RunModal(DialogFactory.Doctor(profile, report, DialogTextWidth(90)));

    /// <summary>Text columns inside a dialog of <paramref name="percent"/>% of the screen (border and padding off).</summary>
    private int DialogTextWidth(int percent) => Math.Max(app.Screen.Width * percent / 100 - 4, 20);

    public string? ChooseTheme(IReadOnlyList<string> names, string current)
    {
        var (dialog, result) = DialogFactory.ThemePicker(names, current);
        RunModal(dialog);
        return result();
    }

    public NewProfileRequest? AskNewProfile(IReadOnlyList<KindInfo> kinds, IReadOnlyCollection<string> existingNames, string? kindId = null)
    {
        var (dialog, result) = DialogFactory.NewProfile(kinds, existingNames, kindId);
        RunModal(dialog);
        return result();
    }

    private void RunModal(Dialog dialog)
    {
        try
        {
            app.Run(dialog, e =>
            {
                errors.Report(e, dialog.Title);
                return true;
            });
        }
        finally
        {
            dialog.Dispose();
        }
    }
}

/// <summary>Builds the dialogs as views, so tests can draw them without running a modal loop.</summary>
public static class DialogFactory
{
    /// <summary>The help dialog; long lines wrap under their description so nothing is cut at 80 columns.</summary>
    public static Dialog Help(IReadOnlyList<string> lines, int width = 120)
    {
        var dialog = new Dialog { Title = Msg.T("Help: keys"), Width = Dim.Percent(90), Height = Dim.Percent(90) };
        var view = new LinesView();
        var indent = new string(' ', KeyTable.HelpKeyColumn + 3);
        view.SetLines(lines.SelectMany(l =>
            l.Length > 0 && !l.StartsWith(' ')
                ? [new StyledLine(l, Tone.Heading)]
                : Columns.Width(l) <= width || width <= indent.Length + 10
                    ? [new StyledLine(l, Tone.Normal)]
                    : WrapHelpLine(l, width, indent)).ToList());
        dialog.Add(view);
        AddClose(dialog);
        return dialog;
    }

    private static IEnumerable<StyledLine> WrapHelpLine(string line, int width, string indent)
    {
        var head = line[..indent.Length];
        return Columns.Wrap(line[indent.Length..], width, head, indent).Select(l => new StyledLine(l, Tone.Normal));
    }

    public static Dialog Errors(IReadOnlyList<UserError> errors, int width = 70)
    {
        var dialog = new Dialog { Title = Msg.F("Errors ({0})", errors.Count), Width = Dim.Percent(90), Height = Dim.Percent(85) };
        var view = new LinesView();
        view.SetLines(ErrorLines(errors, width));
        dialog.Add(view);
        AddClose(dialog);
        return dialog;
    }

    /// <summary>Every error as what / cause / fix, newest first.</summary>
    public static IReadOnlyList<StyledLine> ErrorLines(IReadOnlyList<UserError> errors, int width)
    {
        var lines = new List<StyledLine>();
        if (errors.Count == 0) lines.Add(new("No errors so far.", Tone.Muted));
        foreach (var e in errors.Reverse())
        {
            lines.Add(new($"{e.At:HH:mm:ss} {e.What}", Tone.Heading));
            foreach (var l in Columns.Wrap(e.Cause, width, "  cause: ", "         ")) lines.Add(new(l, Tone.Bad));
            foreach (var l in Columns.Wrap(e.Fix, width, "  fix:   ", "         ")) lines.Add(new(l, Tone.Normal));
            if (e.Context is { } c) lines.Add(new("  (" + c + ")", Tone.Muted));
            lines.Add(new("", Tone.Normal));
        }
        return lines;
    }

    public static Dialog Doctor(string? profile, DoctorReport report, int width = 70)
    {
        var scope = profile is null ? "this machine and every profile" : "this machine and " + profile;
        var dialog = new Dialog { Title = Msg.F("Doctor: {0}", scope), Width = Dim.Percent(90), Height = Dim.Percent(85) };
        var view = new LinesView();
        view.SetLines(DoctorLines(report, width));
        dialog.Add(view);
        AddClose(dialog);
        return dialog;
    }

    /// <summary>
    /// The report as the CLI prints it, in tones: the machine's checks, then one block per profile;
    /// what was seen and the fix under each warning and failure.
    /// </summary>
    public static IReadOnlyList<StyledLine> DoctorLines(DoctorReport report, int width)
    {
        var lines = new List<StyledLine>
        {
            new(report.Summary, report.HasFailures ? Tone.Bad : report.Count(CheckStatus.Warn) > 0 ? Tone.Warning : Tone.Good),
        };
        foreach (var group in report.Checks.GroupBy(c => c.Profile))
        {
            lines.Add(new("", Tone.Normal));
            lines.Add(new(group.Key is null ? "This machine" : "Profile " + group.Key, Tone.Heading));
            foreach (var check in group)
            {
                var word = Columns.Fit(DoctorVerbs.StatusWord(check.Status).ToUpperInvariant(), 4);
                foreach (var l in Columns.Wrap($"{check.Title}: {check.Detail}", width, $"  {word}  ", "        "))
                    lines.Add(new(l, CheckTone(check.Status)));
                if (check.Status is not (CheckStatus.Warn or CheckStatus.Fail)) continue;
                if (check.Evidence is { } seen)
                    foreach (var l in Columns.Wrap(seen, width, "        seen: ", "              ")) lines.Add(new(l, Tone.Muted));
                if (check.Fix is { } fix)
                    foreach (var l in Columns.Wrap(fix, width, "        fix:  ", "              ")) lines.Add(new(l, Tone.Normal));
            }
        }
        return lines;
    }

    private static Tone CheckTone(CheckStatus status) => status switch
    {
        CheckStatus.Ok => Tone.Good,
        CheckStatus.Warn => Tone.Warning,
        CheckStatus.Fail => Tone.Bad,
        _ => Tone.Muted,
    };

    public static (Dialog Dialog, Func<string?> Result) ThemePicker(IReadOnlyList<string> names, string current)
    {
        int rows = Math.Min(names.Count, 14);
        var dialog = new Dialog { Title = Msg.T("Theme"), Width = 34, Height = rows + 8 };
        var list = new ListView { Width = Dim.Fill(), Height = rows };
        list.SetSource(new System.Collections.ObjectModel.ObservableCollection<string>(names));
        list.SelectedItem = Math.Max(0, names.ToList().IndexOf(current));
        string? chosen = null;
        void Choose()
        {
            chosen = list.SelectedItem is { } i ? names[i] : null;
            dialog.RequestStop();
        }
        OnAccept(list, Choose);
        dialog.Add(list);
        AddCancelAnd(dialog, new Button { Text = "Use", IsDefault = true }, Choose);
        return (dialog, () => chosen);
    }

    /// <summary>Profile names become file names under /etc/ppp/peers: keep them to safe characters.</summary>
    public static string? NameProblem(string name, IReadOnlyCollection<string> existing)
    {
        if (string.IsNullOrWhiteSpace(name)) return "Give the profile a name.";
        if (name.Length > 64) return "Keep the name to 64 characters.";
        if (name.StartsWith('.') || name.StartsWith('-')) return "The name cannot start with '.' or '-'.";
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            return "Use letters, digits, '.', '_' and '-' only (it becomes a file name).";
        if (existing.Contains(name)) return $"A profile named {name} exists already.";
        return null;
    }

    public static (Dialog Dialog, Func<NewProfileRequest?> Result) NewProfile(IReadOnlyList<KindInfo> kinds, IReadOnlyCollection<string> existing,
        string? kindId = null)
    {
        int start = Math.Max(0, kinds.ToList().FindIndex(k => k.Id == kindId));
        var dialog = new Dialog { Title = Msg.T("New profile"), Width = Dim.Percent(70), Height = kinds.Count + 10 };
        // The name comes first and has the focus: type it, Enter creates; Tab reaches the kinds.
        var nameLabel = new Label { Text = "Name:", X = 0, Y = 0 };
        var name = new TextField { X = 7, Y = 0, Width = Dim.Fill(1) };
        var problem = new ToneText { X = 7, Y = 1, Width = Dim.Fill(1), Tone = Tone.Bad };
        var kindLabel = new Label { Text = "Kind:", X = 0, Y = 2 };
        var selector = new OptionSelector
        {
            X = 7, Y = 2, Orientation = Orientation.Vertical,
            Labels = kinds.Select(k => k.Title + "  " + k.Summary).ToList(),
            Value = kinds.Count > 0 ? start : null,
        };
        // The chosen kind's weakness (PPTP's), once, under the kinds.
        var caution = new ToneText { X = 7, Y = 3 + kinds.Count, Width = Dim.Fill(1), Tone = Tone.Warning };
        void ShowCaution() => caution.Content = selector.Value is { } i && kinds[i].Caution is { } c ? c : "";
        selector.ValueChanged += (_, _) => ShowCaution();
        ShowCaution();
        dialog.Add(nameLabel, name, problem, kindLabel, selector, caution);
        NewProfileRequest? result = null;
        void TryCreate()
        {
            var text = (name.Text ?? "").Trim();
            var issue = NameProblem(text, existing);
            if (issue is null && selector.Value is null) issue = "Choose a kind.";
            if (issue is not null)
            {
                problem.Content = issue;
                name.SetFocus();
                return;
            }
            result = new NewProfileRequest(kinds[selector.Value!.Value].Id, text);
            dialog.RequestStop();
        }
        // Enter in the name field or on a kind means Create, not "close the dialog".
        OnAccept(name, TryCreate);
        OnAccept(selector, TryCreate);
        name.SetFocus();
        AddCancelAnd(dialog, new Button { Text = "Create", IsDefault = true }, TryCreate);
        return (dialog, () => result);
    }

    // Accepting (Enter, a click) does the dialog's own action instead of its default handling.
    private static void OnAccept(View view, Action action) =>
        view.Accepting += (_, e) =>
        {
            e.Handled = true;
            action();
        };

    // Cancel first, then the dialog's action, as every dialog here lays its buttons out.
    private static void AddCancelAnd(Dialog dialog, Button action, Action onAction)
    {
        var cancel = new Button { Text = "Cancel" };
        OnAccept(cancel, () => dialog.RequestStop());
        OnAccept(action, onAction);
        dialog.AddButton(cancel);
        dialog.AddButton(action);
    }

    private static void AddClose(Dialog dialog)
    {
        var close = new Button { Text = "Close", IsDefault = true };
        OnAccept(close, () => dialog.RequestStop());
        dialog.AddButton(close);
    }
}
