namespace PppTui.Core.Profiles;

/// <summary>A validation message for one field, in words the editor shows beside that field.</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
