namespace PppTui.Core.Profiles;

/// <summary>The custom kind's name on the profile model: <c>ProfileKind.Custom</c> (it has no settings of its own).</summary>
public static class CustomProfileExtensions
{
    extension(ProfileKind) { public static ProfileKind Custom => CustomKind.Id; }
}
