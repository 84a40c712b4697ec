namespace PppTui.Tui.Dialogs;

/// <summary>What the user gave in the "New profile" dialog.</summary>
public sealed record NewProfileRequest(string KindId, string Name);

/// <summary>
/// The modal questions the screen asks. The real one runs Terminal.Gui dialogs; tests answer
/// with a fake, so the screen's decisions can be checked without a running main loop.
/// </summary>
public interface IDialogs
{
    /// <summary>Asks before something that cannot be undone; true only when the user confirmed.</summary>
    bool Confirm(string title, string message, string confirmLabel);

    void ShowHelp(IReadOnlyList<string> lines);

    void ShowErrors(IReadOnlyList<UserError> errors);

    /// <summary>The doctor's report: every check with its outcome and fix.</summary>
    /// <param name="profile">The profile checked with the machine, or null when every profile was.</param>
    void ShowDoctor(string? profile, DoctorReport report);

    string? ChooseTheme(IReadOnlyList<string> names, string current);

    /// <param name="kindId">The kind to start on (the menu's per-kind items); null starts on the first.</param>
    NewProfileRequest? AskNewProfile(IReadOnlyList<KindInfo> kinds, IReadOnlyCollection<string> existingNames, string? kindId = null);
}
