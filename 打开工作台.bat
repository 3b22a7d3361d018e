@echo off
rem 双击运行：在浏览器中打开红头工作台（只在本机访问），用 data 文件夹里的活动表格。
rem 也可以把活动文件夹拖到本文件上打开它。关闭本窗口即结束工作台。
chcp 65001 >nul
cd /d "%~dp0"
set PYTHONIOENCODING=utf-8
if "%~1"=="" (
  python pipeline.py serve data -o output
) else (
  python pipeline.py serve "%~1" -o "%~dp1输出"
)
if errorlevel 1 (
  echo.
  echo 工作台未能启动：请按上面的提示处理。如提示需要 Flask，请先运行 pip install "hongtou[serve]"
)
pause
