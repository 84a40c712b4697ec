namespace PppTui.Tests.Tui.Fakes;

/// <summary>Answers the screen's questions from a script and records what was asked.</summary>
public sealed class FakeDialogs : IDialogs
{
    public Queue<bool> ConfirmAnswers { get; } = new();
    public List<(string Title, string Message)> Confirms { get; } = [];
    public List<IReadOnlyList<string>> HelpShown { get; } = [];
    public List<IReadOnlyList<UserError>> ErrorsShown { get; } = [];
    public string? ThemeAnswer { get; set; }
    public NewProfileRequest? NewProfileAnswer { get; set; }

    public bool Confirm(string title, string message, string confirmLabel)
    {
        Confirms.Add((title, message));
        return ConfirmAnswers.Count > 0 && ConfirmAnswers.Dequeue();
    }

    public void ShowHelp(IReadOnlyList<string> lines) => HelpShown.Add(lines);
    public void ShowErrors(IReadOnlyList<UserError> errors) => ErrorsShown.Add(errors);
    public List<(string? Profile, DoctorReport Report)> DoctorShown { get; } = [];
    public void ShowDoctor(string? profile, DoctorReport report) => DoctorShown.Add((profile, report));
    public string? ChooseTheme(IReadOnlyList<string> names, string current) => ThemeAnswer;
    public List<string?> NewProfileKinds { get; } = [];

    public NewProfileRequest? AskNewProfile(IReadOnlyList<KindInfo> kinds, IReadOnlyCollection<string> existingNames, string? kindId = null)
    {
        NewProfileKinds.Add(kindId);
        return NewProfileAnswer;
    }
}
