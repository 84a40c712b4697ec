namespace PppTui.Tui.Models;

/// <summary>How a field is edited; the form picks a control for each.</summary>
public enum FieldKind
{
    Text,
    /// <summary>Shown masked, never echoed.</summary>
    Password,
    Integer,
    /// <summary>"true" or "false".</summary>
    Toggle,
    /// <summary>One of <see cref="EditorField.Choices"/>.</summary>
    Choice,
}

/// <summary>One field of a kind's form, as the kind registry describes it.</summary>
public sealed record EditorField(string Key, string Label, FieldKind Kind, string? Section = null,
    string? Help = null, IReadOnlyList<string>? Choices = null);

public enum MessageSeverity { Info, Warning, Error }

/// <summary>A validation message; <see cref="FieldKey"/> names the field it sits beside ("" = the whole form).</summary>
public sealed record FieldMessage(string FieldKey, string Text, MessageSeverity Severity = MessageSeverity.Error);

/// <summary>
/// An editable copy of one profile. Values are strings so one form can show every kind; the
/// model parses and validates them. Setting a value re-validates and re-renders the preview.
/// </summary>
public interface IEditorModel
{
    string ProfileName { get; }
    string Kind { get; }

    /// <summary>The kind's weakness in one line (PPTP's MS-CHAPv2), under the header; null when none or silenced.</summary>
    string? Caution => null;

    IReadOnlyList<EditorField> Fields { get; }
    string GetValue(string key);
    void SetValue(string key, string value);

    /// <summary>The current validation messages; errors block Apply.</summary>
    IReadOnlyList<FieldMessage> Messages { get; }
    bool IsValid { get; }
    bool IsDirty { get; }

    /// <summary>True for a profile that exists only in memory so far.</summary>
    bool IsNew { get; }

    /// <summary>True for a peers file no profile manages yet: shown as it is, imported by the first Apply.</summary>
    bool NotImported => false;

    /// <summary>The files this edit would write, kept current as values change.</summary>
    IPreviewModel Preview { get; }

    event EventHandler? Changed;

    /// <summary>Drops the edits and goes back to what was loaded.</summary>
    void Revert();

    /// <summary>Writes the change plan. With <paramref name="overwriteChangedFiles"/> false, a file changed on
    /// disk since it was read makes the result a <see cref="ActionStatus.Conflict"/> and nothing is written.</summary>
    Task<ActionResult> ApplyAsync(bool overwriteChangedFiles, CancellationToken cancellationToken);
}
