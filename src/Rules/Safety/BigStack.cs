using System.Runtime.ExceptionServices;

namespace Kinerja.Rules.Safety;

/// <summary>
/// Runs work on a dedicated thread with a large stack. The Dynamic LINQ parser and
/// <c>Expression.Compile</c> recurse once per nesting level; a stack overflow cannot be caught and ends
/// the process, so they never run on a thread-pool thread (≈1.5 MB), whatever the text limits say.
/// </summary>
internal static class BigStack
{
    public static T Run<T>(Func<T> work, int stackBytes)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
        }, stackBytes)
        {
            Name = "kinerja-rules-compiler",
            IsBackground = true,
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
