"""A monotonic clock for pacing tests: time moves only when the code under test 'sleeps' or a test moves it."""


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.t += seconds
