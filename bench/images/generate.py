#!/usr/bin/env python3
"""Test pictures for the image benchmark (bench/images/README.md): ad posters, price sheets and
chat screenshots rendered by headless Chromium from varied templates (font size and weight,
colours, gradients, rotation, emoji, a faint watermark), then degraded to look photographed
(perspective, blur, noise, glare, JPEG) with ImageMagick. Beside each picture its ground truth:
NNN.txt holds the text lines as rendered (emoji and watermark left out: they are not text a
rule reads).

    bench/images/generate.py OUT_DIR [COUNT] [SEED]

Writes OUT_DIR/NNN-clean.png, OUT_DIR/NNN-degraded.jpg and OUT_DIR/NNN.txt. All clinic names,
doctors and handles are invented."""
import html
import os
import random
import shutil
import subprocess
import sys
import tempfile

PROCEDURES = ["小腿肌肉阻断术", "瘦腿针", "玻尿酸填充", "热玛吉", "双眼皮手术", "水光针", "溶脂针",
              "超声刀", "隆鼻手术", "美白针", "光子嫩肤", "吸脂塑形"]
CLAIMS = ["没有副作用", "永不反弹", "零风险", "一次见效", "安全无痛", "效果永久", "术后不留疤",
          "全网最低价", "国家级专家", "无效退款", "当天恢复", "百分百成功"]
NEUTRAL = ["周末也营业", "环境安静", "欢迎到店咨询", "停车方便", "专业团队", "预约制服务"]
CONTACT = ["私信预约", "扫码咨询", "微信 mei2026", "电话 400-000-1234", "点击主页预约"]
CLINICS = ["悦颜轻医美", "青禾美学中心", "初见美肤馆", "星澜医美"]  # invented
EMOJI = ["✨", "🔥", "💖", "🎉", "👍"]
COLOURS = [("#fde2e4", "#fad2e1", "#b5179e"), ("#e0fbfc", "#c2dfe3", "#005f73"),
           ("#fff3b0", "#ffe66d", "#9a031e"), ("#f1faee", "#a8dadc", "#1d3557"),
           ("#2b2d42", "#3d405b", "#ffd166"), ("#ffffff", "#f2f2f2", "#222222")]


def poster(rng):
    bg1, bg2, fg = rng.choice(COLOURS)
    title = rng.choice(PROCEDURES)
    claims = rng.sample(CLAIMS, 2) + [rng.choice(NEUTRAL)]
    was = rng.randrange(8, 60) * 1000
    now = was - rng.randrange(2, 7) * 1000
    lines = [title, *claims, f"原价{was} 现价{now}", rng.choice(CONTACT)]
    size = rng.choice([30, 36, 42])
    body = [f'<div class="t" style="font-size:{size}px">{html.escape(title)}'
            f'{" " + rng.choice(EMOJI) if rng.random() < 0.5 else ""}</div>']
    for line in lines[1:]:
        body.append(f'<div style="font-size:{int(size * rng.uniform(0.55, 0.7))}px">{html.escape(line)}</div>')
    angle = rng.uniform(-4, 4) if rng.random() < 0.5 else 0
    page = f"""<html><head><style>
body{{margin:0;width:600px;height:800px;background:linear-gradient({rng.randrange(0, 360)}deg,{bg1},{bg2});
 font-family:'WenQuanYi Micro Hei';color:{fg};overflow:hidden}}
.c{{padding:50px 40px;transform:rotate({angle:.1f}deg);transform-origin:300px 300px}}
.c div{{margin:18px 0;letter-spacing:{rng.choice([0, 1, 2])}px}}
.t{{font-weight:bold}}
.w{{position:absolute;top:560px;left:40px;font-size:64px;opacity:0.05;transform:rotate(-20deg)}}
</style></head><body><div class="c">{''.join(body)}</div><div class="w">SAMPLE</div></body></html>"""
    return page, lines, (600, 800)


def price_sheet(rng):
    bg1, bg2, fg = rng.choice(COLOURS[:4] + COLOURS[5:])
    clinic = rng.choice(CLINICS)
    rows = rng.sample(PROCEDURES, 4)
    lines = [f"{clinic}价目表"]
    cells = []
    for name in rows:
        was = rng.randrange(2, 40) * 1000
        now = was - rng.randrange(1, 3) * 500
        lines.append(f"{name} 原价{was} 特价{now}")
        cells.append(f"<tr><td>{html.escape(name)}</td><td>原价{was}</td><td>特价{now}</td></tr>")
    claim = rng.choice(CLAIMS)
    lines.append(claim)
    page = f"""<html><head><style>
body{{margin:0;width:640px;height:480px;background:{bg1};font-family:'WenQuanYi Micro Hei';color:{fg}}}
h1{{font-size:34px;margin:30px 30px 10px}} table{{margin:0 30px;border-collapse:collapse;font-size:24px}}
td{{border:1px solid {fg};padding:8px 14px}} p{{font-size:24px;margin:16px 30px}}
</style></head><body><h1>{html.escape(lines[0])}</h1><table>{''.join(cells)}</table>
<p>{html.escape(claim)}</p></body></html>"""
    return page, lines, (640, 480)


def chat(rng):
    messages = [f"您好，{rng.choice(PROCEDURES)}现在有活动", f"{rng.choice(CLAIMS)}，{rng.choice(CLAIMS)}",
                f"现价{rng.randrange(3, 40) * 1000}，{rng.choice(CONTACT)}"]
    question = rng.choice(["会不会有风险？", "多久能恢复？", "价格是多少？"])
    lines = [rng.choice(CLINICS) + "咨询师", question, *messages]
    bubbles = [f'<div class="me">{html.escape(question)}</div>']
    bubbles += [f'<div class="them">{html.escape(m)}</div>' for m in messages]
    page = f"""<html><head><style>
body{{margin:0;width:540px;height:720px;background:#ededed;font-family:'WenQuanYi Micro Hei';font-size:{rng.choice([22, 24, 26])}px}}
.bar{{background:#f7f7f7;padding:18px;text-align:center;font-size:26px}}
.me,.them{{margin:22px 18px;padding:14px 18px;border-radius:8px;max-width:420px;clear:both}}
.me{{background:#95ec69;float:right}} .them{{background:#fff;float:left}}
</style></head><body><div class="bar">{html.escape(lines[0])}</div>{''.join(bubbles)}</body></html>"""
    return page, lines, (540, 720)


def imagemagick():
    for name in ("convert-im6.q16", "magick"):
        if shutil.which(name):
            return [name] if name != "magick" else ["magick"]
    sys.exit("generate.py: ImageMagick not found (apt-get install imagemagick)")


def degrade(rng, convert, src, dst, size):
    w, h = size
    d = [rng.randrange(0, 30) for _ in range(8)]
    perspective = (f"0,0 {d[0]},{d[1]}  {w},0 {w - d[2]},{d[3]}  "
                   f"0,{h} {d[4]},{h - d[5]}  {w},{h} {w - d[6]},{h - d[7]}")
    gx, gy = rng.randrange(w // 4, 3 * w // 4), rng.randrange(h // 4, 3 * h // 4)
    cmd = convert + [src, "-virtual-pixel", "white", "-distort", "Perspective", perspective,
                     "-blur", f"0x{rng.uniform(0.4, 1.0):.2f}",
                     "-attenuate", f"{rng.uniform(0.2, 0.5):.2f}", "+noise", "Gaussian",
                     "(", "-size", f"{w // 2}x{h // 3}", "radial-gradient:rgba(255,255,255,0.55)-rgba(255,255,255,0)", ")",
                     "-geometry", f"+{gx - w // 4}+{gy - h // 6}", "-compose", "over", "-composite",
                     "-quality", str(rng.randrange(40, 70)), dst]
    subprocess.run(cmd, check=True)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 24
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 26)
    os.makedirs(out, exist_ok=True)
    convert = imagemagick()
    chromium = shutil.which("chromium") or sys.exit("generate.py: chromium not found")
    templates = [poster, price_sheet, chat]
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(count):
            page, lines, size = templates[i % len(templates)](rng)
            html_path = os.path.join(tmp, f"{i:03d}.html")
            with open(html_path, "w", encoding="utf-8") as f:
                f.write(page)
            clean = os.path.join(out, f"{i:03d}-clean.png")
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                            "--force-device-scale-factor=1", f"--window-size={size[0]},{size[1]}",
                            f"--screenshot={clean}", "file://" + html_path],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            degrade(rng, convert, clean, os.path.join(out, f"{i:03d}-degraded.jpg"), size)
            with open(os.path.join(out, f"{i:03d}.txt"), "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
    print(f"generate.py: {count} pictures in {out}")


if __name__ == "__main__":
    main()
