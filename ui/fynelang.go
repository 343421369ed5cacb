package ui

import (
	"encoding/json"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/duanju-studio/duanju/ui/i18n"
)

// Fyne translates its own buttons and dialogs (OK, Cancel, Save, New
// Folder…) by the system locale, and names the file dialog's places
// ("Home", "Computer", "Desktop"…) in English only. These follow the app's
// language instead, so a Chinese UI on an English system has no English
// words in its dialogs and the other way round.

// fyneZh is Chinese for every string Fyne's dialogs and text fields show.
var fyneZh = map[string]string{
	"Advanced": "高级", "Cancel": "取消", "Confirm": "确认", "Copy": "复制",
	"Create Folder": "新建文件夹", "Cut": "剪切", "Enter filename": "输入文件名",
	"Error": "错误", "Favourites": "收藏", "File": "文件", "Folder": "文件夹",
	"New Folder": "新文件夹", "No": "否", "OK": "确定", "Open": "打开",
	"Paste": "粘贴", "Quit": "退出", "Redo": "重做", "Save": "保存",
	"Select all": "全选", "Show Hidden Files": "显示隐藏文件", "Undo": "撤销",
	"Yes": "是", "file.name": "名称", "file.parent": "上级目录",
}

// fyneEn is the English of the same strings.
var fyneEn = map[string]string{
	"file.name": "Name", "file.parent": "Parent",
}

// localizeFyne makes Fyne's own strings speak the app's language.
func localizeFyne() {
	msgs := map[string]any{}
	for k := range fyneZh {
		v := k
		if i18n.Lang() == i18n.Zh {
			v = fyneZh[k]
		} else if e, ok := fyneEn[k]; ok {
			v = e
		}
		if k == "file.name" || k == "file.parent" {
			msgs[k] = map[string]string{"other": v}
		} else {
			msgs[k] = v
		}
	}
	data, err := json.Marshal(msgs)
	if err != nil {
		return
	}
	// Register the messages for the locale Fyne picks for this system (and
	// English, its fallback): they win over Fyne's own for that locale.
	for _, l := range []fyne.Locale{lang.SystemLocale(), fyne.Locale(lang.SystemLocale().LanguageString()), "en"} {
		if l != "" {
			_ = lang.AddTranslationsForLocale(data, l)
		}
	}
}
