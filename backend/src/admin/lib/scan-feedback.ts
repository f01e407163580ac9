// Sound for each scan at the packing table: a short high beep when the unit is accepted, a low double buzz when
// it is refused, so a packer looking at the parcel knows without looking at the screen.

let audio: AudioContext | null = null

function tone(ctx: AudioContext, frequency: number, start: number, seconds: number, type: OscillatorType) {
  const osc = ctx.createOscillator()
  const gain = ctx.createGain()
  osc.type = type
  osc.frequency.value = frequency
  gain.gain.setValueAtTime(0.2, ctx.currentTime + start)
  gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + start + seconds)
  osc.connect(gain).connect(ctx.destination)
  osc.start(ctx.currentTime + start)
  osc.stop(ctx.currentTime + start + seconds)
}

export function scanSound(ok: boolean): void {
  try {
    audio ??= new AudioContext()
    if (ok) tone(audio, 1320, 0, 0.12, "sine")
    else {
      tone(audio, 220, 0, 0.18, "square")
      tone(audio, 220, 0.25, 0.18, "square")
    }
  } catch {
    // no audio on this device: the colour and the message still tell
  }
}
